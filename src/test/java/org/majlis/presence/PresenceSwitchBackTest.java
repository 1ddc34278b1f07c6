package org.majlis.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * Back under 80 % of the presence threshold, the list of everyone online is made on a worker
 * thread. Until it has gone out, the connections are still in the {@code subscribed} scope: the
 * changes gathered meanwhile wait and follow it, instead of reaching connections that were told
 * nothing yet (seen once under a storm, where the workers were busy with the logouts).
 */
@QuarkusTest
@TestProfile(PresenceSwitchBackTest.SlowBatches.class)
class PresenceSwitchBackTest {

    /** Three online at most for everyone to hear of everyone; changes gathered for a second. */
    public static class SlowBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("majlis.presence.large-threshold", "3", "majlis.presence-batch-delay", "1s");
        }
    }

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    PresenceScope scope;

    @Inject
    PresenceService presence;

    @Test
    void changesWaitForTheListOfEveryoneWhenTheScopeGoesBackToAll() throws Exception {
        String prefix = "back" + Unique.name("").substring(0, 4);
        List<TestClient> others = new ArrayList<>();
        try (TestClient observer = TestClient.guest(ws, prefix + "0")) {
            for (int i = 1; i <= 3; i++) {
                others.add(TestClient.guest(ws, prefix + i));
            }
            observer.await("presence", p -> "subscribed".equals(p.path("payload").path("scope").asText()));

            others.get(0).close();
            others.get(1).close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (scope.online() > 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(2, scope.online(), "the two closed connections are no longer counted");
            observer.drain("presence");
            // the switch back starts here, before the batch of the two changes is due, and its list is slow to come
            CountDownLatch listReady = new CountDownLatch(1);
            scope.reconsider(() -> {
                await(listReady);
                return presence.snapshot();
            }, () -> { });
            assertTrue(scope.switchingBack());

            // the batch falls due meanwhile: nothing reaches the observer, still in the subscribed scope
            observer.expectNone("presence", Duration.ofMillis(1500));
            listReady.countDown();
            JsonNode all = observer.await("presence", p -> p.path("payload").has("scope")).path("payload");
            assertEquals("all", all.path("scope").asText(), all::toString);
            List<String> listed = new ArrayList<>();
            all.path("changes").forEach(user -> listed.add(user.path("username").asText()));
            assertTrue(listed.contains(prefix + "0") && listed.contains(prefix + "3") && !listed.contains(prefix + "1"), all::toString);

            // the changes kept go to everyone after it, with the next batch
            others.get(2).send("status", "s", Json.object("status", "busy"));
            others.get(2).awaitAck("s");
            observer.await("presence", p -> Json.presenceOf(p, prefix + "1", "offline"));
        } finally {
            others.forEach(TestClient::close);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

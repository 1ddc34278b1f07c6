package org.majlis.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.majlis.protocol.CloseCodes;
import org.majlis.testing.Json;
import org.majlis.testing.RawSocketClient;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * A client that stops reading is closed with 1013 and does not hold back the others; one that
 * never reads again is dropped soon after, so its unread bytes do not stay in memory.
 */
@QuarkusTest
class SlowConsumerTest {

    private static final int MESSAGES = 3000;
    private static final String TEXT = "z".repeat(3900);

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aClientThatStopsReadingIsClosedWith1013WhileOthersGetEverything() throws Exception {
        try (RawSocketClient slow = new RawSocketClient(ws, 4096);
                TestClient sender = TestClient.guest(ws, Unique.name("flooder"));
                TestClient reader = TestClient.guest(ws, Unique.name("reader"))) {
            String sleeper = Unique.name("sleeper");
            slow.sendText("{\"type\":\"login\",\"payload\":{\"username\":\"" + sleeper + "\"}}");
            reader.await("presence", p -> p.toString().contains(sleeper));
            flood(sender);
            for (int i = 0; i < MESSAGES; i++) {
                String prefix = Integer.toString(i);
                reader.await("new_message", e -> e.path("payload").path("message").asText().startsWith(prefix + "z"));
            }
            // it reads again within the close grace, so it still learns why it was closed
            assertEquals(CloseCodes.SLOW_CONSUMER, slow.readUntilClose());
        }
    }

    @Test
    void aClientThatNeverReadsAgainIsDroppedAfterTheCloseGrace() throws Exception {
        try (RawSocketClient stuck = new RawSocketClient(ws, 4096);
                TestClient sender = TestClient.guest(ws, Unique.name("flooder"));
                TestClient watcher = TestClient.guest(ws, Unique.name("watcher"))) {
            String name = Unique.name("stuck");
            stuck.sendText("{\"type\":\"login\",\"payload\":{\"username\":\"" + name + "\"}}");
            watcher.await("presence", p -> Json.presenceOf(p, name, "online"));
            flood(sender);
            // its close frame waits behind megabytes it will never read: only dropping the channel ends it
            watcher.await("presence", p -> Json.presenceOf(p, name, "offline"), null, Duration.ofSeconds(30));
        }
    }

    private static void flood(TestClient sender) {
        for (int i = 0; i < MESSAGES; i++) {
            sender.send("{\"type\":\"send_message\",\"payload\":{\"message\":\"" + i + TEXT + "\"}}");
        }
    }
}

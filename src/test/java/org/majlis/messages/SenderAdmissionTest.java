package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.majlis.commands.ClusterMessageLimit;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** The message writer asks its {@link SenderAdmission} per batch and refuses who it holds back, as {@code rate_limited}. */
@QuarkusTest
class SenderAdmissionTest {

    private static final long WAIT = 4321;

    @TestHTTPResource("/ws")
    URI ws;

    private final String limited = Unique.name("held");
    private final List<List<SenderAdmission.Sender>> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void holdBackOneSender() {
        // a mock replaces the bean's instance, so it is of the bean's class; it never reaches Redis
        QuarkusMock.installMockForType(new ClusterMessageLimit(null) {
            @Override
            public long[] waits(List<SenderAdmission.Sender> senders) {
                asked.add(senders);
                return senders.stream().mapToLong(sender -> sender.name().equals(limited) ? WAIT : 0).toArray();
            }
        }, SenderAdmission.class);
    }

    @Test
    void aSenderHeldBackIsRefusedWithItsWaitAndOthersAreStored() {
        String free = Unique.name("free");
        try (TestClient held = TestClient.guest(ws, limited); TestClient other = TestClient.guest(ws, free)) {
            held.send("private_message", "p1", Json.object("to", free, "message", "held back"));
            JsonNode error = held.awaitError("rate_limited", "p1").path("payload");
            assertEquals(WAIT, error.path("retryAfterMs").asLong(), error::toString);
            assertEquals("too many messages, slow down", error.path("message").asText());

            other.send("private_message", "p2", Json.object("to", limited, "message", "let through"));
            other.await("ack", a -> "p2".equals(a.path("payload").path("ref").asText()));
            JsonNode page = HistoryTest.history(other, "h", "to", limited);
            assertEquals(1, page.path("messages").size(), page::toString);
            assertEquals("let through", page.path("messages").get(0).path("message").asText());
            assertTrue(asked.stream().anyMatch(senders -> senders.contains(new SenderAdmission.Sender(limited, true))),
                    () -> "asked for the guest, as a guest: " + asked);
        }
    }
}

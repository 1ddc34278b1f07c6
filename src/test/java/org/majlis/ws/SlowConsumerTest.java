package org.majlis.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.majlis.testing.RawSocketClient;
import org.majlis.testing.TestClient;

/** A client that stops reading is closed with 1013 and does not hold back the others. */
@QuarkusTest
class SlowConsumerTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aClientThatStopsReadingIsClosedWith1013WhileOthersGetEverything() throws Exception {
        int messages = 3000;
        String text = "z".repeat(3900);
        try (RawSocketClient slow = new RawSocketClient(ws, 4096);
                TestClient sender = TestClient.guest(ws, "flooder");
                TestClient reader = TestClient.guest(ws, "reader")) {
            slow.sendText("{\"type\":\"login\",\"payload\":{\"username\":\"sleeper\"}}");
            reader.await("presence", p -> p.toString().contains("sleeper"));
            for (int i = 0; i < messages; i++) {
                sender.send("{\"type\":\"send_message\",\"payload\":{\"message\":\"" + i + text + "\"}}");
            }
            for (int i = 0; i < messages; i++) {
                String prefix = Integer.toString(i);
                reader.await("new_message", e -> e.path("payload").path("message").asText().startsWith(prefix + "z"));
            }
            assertEquals(ChatSocket.CLOSE_SLOW_CONSUMER, slow.readUntilClose());
        }
    }
}

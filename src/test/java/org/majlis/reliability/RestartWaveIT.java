package org.majlis.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/**
 * A node holding a thousand clients of one office (one client address) stops gracefully: every
 * client is told 1012 with the window to come back in, and all of them come back at once with
 * their session tokens to the node that takes over (here, the same data restarted), under the
 * default login limit of that address: none refused, and every acknowledged message there.
 */
class RestartWaveIT {

    private static final int CLIENTS = 1000;
    private static final int WRITERS = 20;
    /** The office's connections all come from one address: its connection cap must allow them. */
    private static final String OFFICE = "-Dmajlis.limits.connections-per-address=" + 2 * CLIENTS;

    @Test
    void aThousandFromOneAddressComeBackAfterAGracefulStopNoneRefusedNothingLost() throws Exception {
        Path data = ServerProcess.tempDir("restart-wave-");
        List<String> tokens = new ArrayList<>();
        List<String> acked = new ArrayList<>();
        List<TestClient> clients = new ArrayList<>();
        try (ServerProcess first = ServerProcess.start(data, data.resolve("first.log"), OFFICE,
                "-Dmajlis.limits.logins-burst=" + 2 * CLIENTS)) { // the first logins are by name: let them all in
            for (int i = 0; i < CLIENTS; i++) {
                TestClient client = TestClient.guest(first.ws(), "office" + i);
                clients.add(client);
                tokens.add(client.welcome().path("token").asText());
            }
            for (int i = 0; i < WRITERS; i++) {
                clients.get(i).send("send_message", "m" + i, Json.object("message", "before the stop " + i));
                acked.add(clients.get(i).awaitAck("m" + i).path("payload").path("messageId").asText());
            }
        } // SIGTERM: a graceful stop
        for (TestClient client : clients) {
            assertEquals(1012, client.awaitClose(), "told to come back");
            client.close();
        }

        try (ServerProcess next = ServerProcess.start(data, data.resolve("next.log"), OFFICE)) { // default login limit
            long start = System.nanoTime();
            List<TestClient> back = new ArrayList<>();
            for (String token : tokens) {
                back.add(TestClient.withToken(next.ws(), token));
            }
            int welcomed = 0;
            for (TestClient client : back) {
                JsonNode answer = client.await("welcome", e -> true, "error");
                assertEquals("welcome", answer.path("type").asText(), () -> "refused: " + answer);
                welcomed++;
            }
            System.out.printf("RestartWaveIT: %d of %d back in %.1f s%n", welcomed, CLIENTS, (System.nanoTime() - start) / 1e9);
            TestClient reader = back.get(0);
            reader.send("history", "h", Json.object("room", "general", "limit", 200));
            List<String> stored = new ArrayList<>();
            reader.awaitAnswer("h").path("payload").path("messages").forEach(m -> stored.add(m.path("id").asText()));
            assertTrue(stored.containsAll(acked), "every acknowledged message is there after the restart");
            back.forEach(TestClient::close);
        }
    }
}

package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/**
 * An ack means stored: the packaged server is killed with SIGKILL right after the acks, started
 * again on the same data, and every acked message is in history. On the embedded SQLite and on PostgreSQL,
 * and on SQLite with journal copies an hour apart, so that every acked message is copied from the
 * journal at the new start; numbering goes on after the last of them.
 */
class DurabilityIT {

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "sqlite-journal-only", "postgres"})
    void everyAckedMessageSurvivesAKill(String database) throws Exception {
        Path data = ServerProcess.tempDir("durability-");
        Path log = data.resolve("server.log");
        // the sender goes faster than the default message limit allows
        String[] args = {"-Dquarkus.profile=" + (database.equals("postgres") ? "prod,postgres" : "prod"),
                "-Dmajlis.limits.messages-per-second=100000", "-Dmajlis.limits.messages-burst=100000",
                "-Dmajlis.journal.apply-interval=" + (database.equals("sqlite-journal-only") ? "1h" : "100ms")};
        String prefix = "durable-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> acked = new HashSet<>();
        try (ServerProcess server = ServerProcess.start(data, log, args)) {
            try (TestClient client = TestClient.guest(server.ws(), "writer" + prefix.substring(8))) {
                int count = 300;
                for (int i = 0; i < count; i++) {
                    client.send("send_message", prefix + i, Json.object("message", prefix + " " + i));
                }
                for (int i = 0; i < count; i++) {
                    JsonNode ack = client.await("ack").path("payload");
                    acked.add(ack.path("messageId").asText());
                }
                server.kill();
            }
        }
        assertEquals(300, acked.size());
        try (ServerProcess again = ServerProcess.start(data, log, args);
                TestClient reader = TestClient.guest(again.ws(), "reader" + prefix.substring(8))) {
            Set<String> found = new HashSet<>();
            List<Long> seqs = new ArrayList<>();
            long cursor = 0;
            boolean more = true;
            while (more) {
                reader.send("history", "h" + cursor, Json.object("after", cursor, "limit", 200));
                String ref = "h" + cursor;
                JsonNode page = reader.await("history", h -> ref.equals(h.path("payload").path("ref").asText())).path("payload");
                for (JsonNode message : page.path("messages")) {
                    found.add(message.path("id").asText());
                    seqs.add(message.path("seq").asLong());
                    cursor = message.path("seq").asLong();
                }
                more = page.path("hasMore").asBoolean();
            }
            assertTrue(found.containsAll(acked), "missing after the kill: " + (acked.size() - acked.stream().filter(found::contains).count()));
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1));
            }
            reader.send("send_message", "after", Json.object("message", prefix + " after the restart"));
            long next = reader.await("ack").path("payload").path("seq").asLong();
            assertEquals(seqs.get(seqs.size() - 1) + 1, next, "numbering goes on after the last message kept");
        }
    }
}

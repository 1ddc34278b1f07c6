package org.majlis.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * Redis goes away under a two-node cluster (every node connection is killed, then Redis stops
 * answering for a few seconds): each node goes on delivering to its own clients, cross-node
 * delivery resumes when Redis is back, and the other node's client fills the gap with history.
 */
class RedisOutageIT {

    @Test
    void localDeliveryGoesOnAndCrossNodeDeliveryResumes() throws Exception {
        Path data = ServerProcess.tempDir("redis-outage-");
        String[] cluster = {"-Dquarkus.profile=prod,cluster", "-Dmajlis.cluster.heartbeat-interval=2s",
            "-Dmajlis.cluster.node-timeout=15s"};
        try (ServerProcess a = start(data, "a", cluster); ServerProcess b = start(data, "b", cluster);
                TestClient onA = TestClient.guest(a.ws(), Unique.name("ra")); TestClient onB = TestClient.guest(b.ws(), Unique.name("rb"))) {
            onA.send("send_message", "warm", Json.object("message", "before"));
            long seen = onB.await("new_message").path("payload").path("seq").asLong();

            redis("CLIENT", "KILL", "TYPE", "pubsub");
            redis("CLIENT", "KILL", "TYPE", "normal");
            redis("CLIENT", "PAUSE", "3000", "ALL");
            List<String> during = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String text = "during " + i;
                onA.send("send_message", "d" + i, Json.object("message", text));
                during.add(text);
                assertEquals(text, onA.await("new_message", e -> text.equals(e.path("payload").path("message").asText()))
                        .path("payload").path("message").asText(), "A's own client is served while Redis is away");
                assertEquals("ack", onA.await("ack", e -> true, "error").path("type").asText());
            }

            // Redis answers again: live delivery across nodes resumes
            String probe = "after";
            long deadline = System.currentTimeMillis() + 30_000;
            boolean crossed = false;
            for (int i = 0; !crossed && System.currentTimeMillis() < deadline; i++) {
                String text = probe + " " + i;
                onA.send("send_message", "p" + i, Json.object("message", text));
                onA.awaitAck("p" + i);
                Thread.sleep(500);
                crossed = onB.drain("new_message").stream().anyMatch(e -> e.path("payload").path("message").asText().startsWith(probe));
            }
            assertTrue(crossed, "messages from A reach B again once Redis is back");

            // B's client fills the gap
            onB.send("history", "h", Json.object("after", seen, "limit", 200));
            List<String> texts = new ArrayList<>();
            onB.await("history").path("payload").path("messages").forEach(m -> texts.add(m.path("message").asText()));
            assertEquals(during, texts.subList(0, 3), "history has every message of the outage, in order: " + texts);
        }
    }

    private static ServerProcess start(Path data, String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-Dmajlis.cluster.node-name=" + Unique.name(name + "-"));
        return ServerProcess.start(data, data.resolve(name + ".log"), all.toArray(String[]::new));
    }

    private static void redis(String... command) throws Exception {
        List<String> cli = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379"));
        cli.addAll(List.of(command));
        Process process = new ProcessBuilder(cli).redirectErrorStream(true).start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "redis-cli " + String.join(" ", command));
    }
}

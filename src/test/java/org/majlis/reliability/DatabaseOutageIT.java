package org.majlis.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * PostgreSQL goes away under a running server (its database refuses connections and the
 * server's sessions are terminated), then comes back: sends are refused with {@code internal}
 * and never acked, readiness goes down, and afterwards the server works again without a restart
 * and every acked message is in history.
 */
class DatabaseOutageIT {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void sendsAreRefusedWhileTheDatabaseIsAwayAndNothingAckedIsLost() throws Exception {
        String database = "majlis_outage_" + Unique.name("").toLowerCase();
        admin("CREATE DATABASE " + database);
        Path data = ServerProcess.tempDir("outage-");
        try (ServerProcess server = ServerProcess.start(data, data.resolve("server.log"), "-Dquarkus.profile=prod,postgres",
                "-Dquarkus.datasource.pg.jdbc.url=jdbc:postgresql://127.0.0.1:5432/" + database);
                TestClient client = TestClient.guest(server.ws(), Unique.name("steady"))) {
            Set<String> acked = new HashSet<>(send(client, "before", 5));
            assertEquals(5, acked.size());

            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            List<String> during = send(client, "during", 5);
            assertTrue(during.isEmpty(), "nothing is acked while the database is away: " + during);
            assertTrue(awaitReadiness(server, 503), "readiness goes down");

            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            assertTrue(awaitReadiness(server, 200), "readiness comes back");
            List<String> after = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (after.isEmpty() && System.currentTimeMillis() < deadline) {
                after = send(client, "after", 1); // the pool replaces its broken connections
            }
            after.addAll(send(client, "after-more", 4));
            assertEquals(5, after.size(), "the server recovered without a restart");
            acked.addAll(after);

            client.send("history", "h", Json.object("limit", 200));
            Set<String> stored = new HashSet<>();
            client.await("history").path("payload").path("messages").forEach(m -> stored.add(m.path("message").asText()));
            assertTrue(stored.containsAll(acked), "every acked message is stored: " + stored);
            assertFalse(stored.stream().anyMatch(text -> text.startsWith("during")), "nothing refused was stored: " + stored);
        } finally {
            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** Sends count messages and returns the texts of those acked; refusals must be {@code internal}. */
    private static List<String> send(TestClient client, String prefix, int count) {
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = prefix + " " + i;
            client.send("send_message", prefix + i, Json.object("message", text));
            JsonNode answer = client.await("ack", e -> true, "error");
            if ("ack".equals(answer.path("type").asText())) {
                acked.add(text);
            } else {
                assertEquals("internal", answer.path("payload").path("code").asText(), answer::toString);
            }
        }
        return acked;
    }

    private static boolean awaitReadiness(ServerProcess server, int status) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == status) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static void admin(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

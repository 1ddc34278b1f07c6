package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/** A restart keeps accounts, messages, read marks and the token keys, on H2 and on PostgreSQL. */
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod,postgres"})
    void everythingStoredSurvivesARestart(String profile) throws Exception {
        Path data = ServerProcess.tempDir("restart-");
        Path log = data.resolve("server.log");
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        String name = "keeper" + suffix;
        String token;
        long lastSeq;
        try (ServerProcess server = ServerProcess.start(data, log, "-Dquarkus.profile=" + profile)) {
            assertEquals(201, post(server, "/api/auth/register", name).statusCode());
            token = JSON.readTree(post(server, "/api/auth/login", name).body()).path("token").asText();
            try (TestClient client = TestClient.connect(server.ws())) {
                client.send("login", null, Json.object("token", token));
                client.await("welcome");
                for (int i = 0; i < 3; i++) {
                    client.send("send_message", "m" + i, Json.object("message", "kept " + suffix + " " + i));
                }
                lastSeq = 0;
                for (int i = 0; i < 3; i++) {
                    lastSeq = Math.max(lastSeq, client.await("ack").path("payload").path("seq").asLong());
                }
                client.send("read", null, Json.object("room", "general", "seq", lastSeq));
                long mark = 0;
                for (long deadline = System.currentTimeMillis() + 5000; mark != lastSeq && System.currentTimeMillis() < deadline; ) {
                    client.send("history", "sync", Json.object("limit", 1));
                    mark = client.await("history").path("payload").path("readSeqs").path(name).asLong();
                }
                assertEquals(lastSeq, mark, "the read mark was stored");
            }
        }
        try (ServerProcess again = ServerProcess.start(data, log, "-Dquarkus.profile=" + profile)) {
            assertEquals(200, post(again, "/api/auth/login", name).statusCode(), "the account is kept");
            try (TestClient client = TestClient.connect(again.ws())) {
                client.send("login", null, Json.object("token", token));
                JsonNode welcome = client.await("welcome").path("payload");
                assertEquals(name, welcome.path("username").asText(), "a token from before the restart is valid: keys kept");
                client.send("history", "h", Json.object("before", lastSeq + 1, "limit", 3));
                JsonNode page = client.await("history").path("payload");
                List<String> texts = new java.util.ArrayList<>();
                page.path("messages").forEach(m -> texts.add(m.path("message").asText()));
                assertEquals(List.of("kept " + suffix + " 0", "kept " + suffix + " 1", "kept " + suffix + " 2"), texts);
                assertEquals(lastSeq, page.path("readSeqs").path(name).asLong());
            }
        }
    }

    private static HttpResponse<String> post(ServerProcess server, String path, String name) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("username", name, "password", "a long password"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

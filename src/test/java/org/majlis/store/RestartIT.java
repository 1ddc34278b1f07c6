package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.majlis.testing.FilesTestData;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/**
 * A restart keeps accounts, messages, read marks, the token keys, rooms, reactions, edits,
 * deletes and files, on the embedded SQLite (files in the data directory) and on PostgreSQL (files in the database).
 */
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
        String room = "vault" + suffix;
        String token;
        long lastSeq;
        String fileUrl;
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
                    lastSeq = Math.max(lastSeq, client.awaitAck("m" + i).path("payload").path("seq").asLong());
                }
                client.send("read", null, Json.object("room", "general", "seq", lastSeq));
                long mark = 0;
                for (long deadline = System.currentTimeMillis() + 5000; mark != lastSeq && System.currentTimeMillis() < deadline; ) {
                    client.send("history", "sync", Json.object("limit", 1));
                    mark = client.await("history").path("payload").path("readSeqs").path(name).asLong();
                }
                assertEquals(lastSeq, mark, "the read mark was stored");

                client.send("create_room", "c", Json.object("room", room, "private", true));
                client.await("room");
                JsonNode file = JSON.readTree(upload(server, token, FilesTestData.PNG).body());
                fileUrl = file.path("url").asText();
                client.send("send_message", "pic", Json.object("room", room, "message", "picture",
                        "attachments", List.of(file.path("id").asText())));
                client.send("send_message", "typo", Json.object("room", room, "message", "tpyo"));
                client.send("send_message", "gone", Json.object("room", room, "message", "regret"));
                String picture = client.await("new_message", e -> "picture".equals(e.path("payload").path("message").asText()))
                        .path("payload").path("id").asText();
                String typo = client.await("new_message", e -> "tpyo".equals(e.path("payload").path("message").asText()))
                        .path("payload").path("id").asText();
                String regret = client.await("new_message", e -> "regret".equals(e.path("payload").path("message").asText()))
                        .path("payload").path("id").asText();
                client.send("react", null, Json.object("messageId", picture, "emoji", "🎉", "on", true));
                client.await("reaction");
                client.send("edit_message", null, Json.object("messageId", typo, "message", "typo"));
                client.await("message_edited");
                client.send("delete_message", null, Json.object("messageId", regret));
                client.await("message_deleted");
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

                JsonNode kept = welcome.path("rooms").get(1);
                assertEquals(room, kept.path("room").asText(), welcome::toString);
                assertEquals(true, kept.path("private").asBoolean());
                client.send("history", "r", Json.object("room", room));
                JsonNode messages = client.await("history").path("payload").path("messages");
                assertEquals("picture", messages.get(0).path("message").asText());
                assertEquals(name, messages.get(0).path("reactions").path("🎉").get(0).asText());
                assertEquals(fileUrl, messages.get(0).path("attachments").get(0).path("url").asText());
                assertEquals("typo", messages.get(1).path("message").asText());
                assertEquals(true, messages.get(1).path("edited").asBoolean());
                assertEquals(true, messages.get(2).path("deleted").asBoolean());
                assertEquals("", messages.get(2).path("message").asText());
            }
            HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(again.base() + fileUrl)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(FilesTestData.PNG, download.body(), "the file's bytes are kept");
        }
    }

    /** A multipart upload of a PNG, as a browser sends it. */
    private static HttpResponse<String> upload(ServerProcess server, String token, byte[] png) throws Exception {
        String boundary = "majlis" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dot.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/files"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response::body);
        return response;
    }

    private static HttpResponse<String> post(ServerProcess server, String path, String name) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("username", name, "password", "a long password"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.majlis.files;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.FilesTestData;
import org.majlis.testing.Json;
import org.majlis.testing.SlowRequest;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Uploads, capability urls, attachments checked against their owner, and safe downloads. */
@QuarkusTest
class FilesTest {

    @TestHTTPResource("/ws")
    URI ws;

    static String token(TestClient client) {
        return client.welcome().path("token").asText();
    }

    static JsonPath upload(String token, String name, String type, byte[] bytes) {
        return given().header("Authorization", "Bearer " + token).multiPart("file", name, bytes, type)
                .when().post("/api/files").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void anImageTravelsAsAnAttachmentAndIsServedInline() {
        String a = Unique.name("fa");
        String b = Unique.name("fb");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            JsonPath file = upload(token(ca), "dot.png", "image/png", FilesTestData.PNG);
            assertEquals("image/png", file.getString("contentType"));
            assertEquals(FilesTestData.PNG.length, file.getInt("size"));
            String url = file.getString("url");
            assertTrue(url.startsWith("/api/files/" + file.getString("id") + "?key="), url);

            ca.send("private_message", "p1", Json.object("to", b, "message", "", "attachments", List.of(file.getString("id"))));
            JsonNode message = cb.await("new_message").path("payload");
            JsonNode attachment = message.path("attachments").get(0);
            assertEquals(file.getString("id"), attachment.path("id").asText());
            assertEquals("dot.png", attachment.path("name").asText());
            assertEquals(url, attachment.path("url").asText());
            ca.awaitAck("p1");

            byte[] served = given().when().get(url).then().statusCode(200)
                    .header("Content-Type", "image/png")
                    .header("Content-Disposition", startsWith("inline"))
                    .header("X-Content-Type-Options", "nosniff")
                    .extract().asByteArray();
            assertArrayEquals(FilesTestData.PNG, served);
            given().when().get("/api/files/" + file.getString("id") + "?key=wrong").then().statusCode(404);
            given().when().get("/api/files/" + file.getString("id")).then().statusCode(404);

            cb.send("history", "h", Json.object("to", a));
            JsonNode stored = cb.await("history").path("payload").path("messages").get(0);
            assertEquals(url, stored.path("attachments").get(0).path("url").asText());

            // the file is attached once; deleting the message deletes the file
            ca.send("send_message", "again", Json.object("message", "reuse", "attachments", List.of(file.getString("id"))));
            ca.awaitError("invalid_payload", "again");
            ca.send("delete_message", "d", Json.object("messageId", message.path("id").asText()));
            cb.await("message_deleted");
            given().when().get(url).then().statusCode(404);
        }
    }

    @Test
    void htmlIsServedAsAnAttachmentAndAClaimedImageIsNotTrusted() {
        try (TestClient c = TestClient.guest(ws, Unique.name("fh"))) {
            String token = token(c);
            byte[] html = "<script>alert(1)</script>".getBytes();
            JsonPath page = upload(token, "page.html", "text/html", html);
            assertEquals("text/html", page.getString("contentType"));
            given().when().get(page.getString("url")).then().statusCode(200)
                    .header("Content-Disposition", equalTo("attachment; filename*=UTF-8''page.html"))
                    .header("X-Content-Type-Options", "nosniff");
            JsonPath fake = upload(token, "fake.png", "image/png", html);
            assertEquals("application/octet-stream", fake.getString("contentType"));
            given().when().get(fake.getString("url")).then().statusCode(200)
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Disposition", startsWith("attachment"));
        }
    }

    @Test
    void uploadsNeedATokenAndRespectTheSizeLimit() {
        given().multiPart("file", "a.txt", "hello".getBytes(), "text/plain").when().post("/api/files").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").multiPart("file", "a.txt", "hello".getBytes(), "text/plain")
                .when().post("/api/files").then().statusCode(401);
        try (TestClient c = TestClient.guest(ws, Unique.name("fs"))) {
            String token = token(c);
            assertEquals(1024 * 1024, c.welcome().path("maxFileSize").asLong(), "welcome tells clients the limit");
            byte[] tooBig = new byte[1024 * 1024 + 1]; // the test profile allows 1 MiB
            Arrays.fill(tooBig, (byte) 'x');
            given().header("Authorization", "Bearer " + token).multiPart("file", "big.bin", tooBig, "application/octet-stream")
                    .when().post("/api/files").then().statusCode(413).body("code", equalTo("too_large"));
            byte[] farTooBig = new byte[11 * 1024 * 1024]; // over the request body limit
            given().header("Authorization", "Bearer " + token).multiPart("file", "huge.bin", farTooBig, "application/octet-stream")
                    .when().post("/api/files").then().statusCode(413);
            given().header("Authorization", "Bearer " + token).multiPart("other", "a.txt", "x".getBytes(), "text/plain")
                    .when().post("/api/files").then().statusCode(400);
        }
    }

    @Test
    void aTruncatedMultipartBodyIsABadRequest() throws IOException {
        try (TestClient c = TestClient.guest(ws, Unique.name("ft"))) {
            String token = token(c);
            String truncated = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nthe bytes stop here and the closing boundary never com";
            String brokenBoundary = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nhello\r\n--b0und";
            for (String body : List.of(truncated, brokenBoundary)) {
                try (SlowRequest request = new SlowRequest(ws)) {
                    String head = request.send("POST /api/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: " + body.length()
                            + "\r\n\r\n" + body).readHead();
                    assertTrue(head.startsWith("HTTP/1.1 400"), head);
                    assertTrue(head.contains("application/json"), head);
                }
            }
            given().when().get("/q/health/live").then().statusCode(200);
        }
    }

    @Test
    void attachmentsMustBeTheSendersOwnExistingFiles() {
        String a = Unique.name("oa");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, Unique.name("ob"))) {
            String theirs = upload(token(ca), "a.txt", "text/plain", "mine".getBytes()).getString("id");
            token(cb);
            cb.send("send_message", "s1", Json.object("message", "stolen", "attachments", List.of(theirs)));
            cb.awaitError("forbidden", "s1");
            cb.send("send_message", "s2", Json.object("message", "ghost", "attachments", List.of("f_01HZZZZZZZZZZZZZZZZZZZZZZZ")));
            cb.awaitError("not_found", "s2");
            cb.send("send_message", "s3", Json.object("message", "", "attachments", List.of()));
            cb.awaitError("invalid_payload", "s3");
            // a refused message leaves no gap: the next one is stored
            cb.send("send_message", "s4", Json.object("message", "plain"));
            cb.awaitAck("s4");
        }
    }
}

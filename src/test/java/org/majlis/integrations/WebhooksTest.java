package org.majlis.integrations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.majlis.integrations.Integrations.as;
import static org.majlis.integrations.Integrations.createWebhook;
import static org.majlis.integrations.Integrations.postTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Incoming webhooks: created by a room's owner or an administrator, posting bot-marked messages, limited, revocable. */
@QuarkusTest
class WebhooksTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aWebhookPostsABotMarkedMessageThatMembersReceiveAndHistoryKeeps() {
        String room = Unique.name("hooked");
        String owner = Unique.name("own");
        String token = Accounts.newAccount(owner);
        try (TestClient o = Integrations.ownerOf(ws, token, room); TestClient member = TestClient.guest(ws, Unique.name("mem"))) {
            Integrations.join(member, room);
            String hookName = Unique.name("ci");
            String path = createWebhook(token, room, hookName).statusCode(201).body("name", equalTo(hookName))
                    .body("room", equalTo(room)).body("id", startsWith("w_")).body("url", startsWith("http"))
                    .extract().path("path");

            String display = Unique.name("deploy");
            String id = postTo(path, "{\"text\":\"build 42 is green\",\"name\":\"" + display + "\"}").statusCode(200)
                    .body("room", equalTo(room)).body("seq", notNullValue()).extract().path("id");
            JsonNode live = Integrations.messageFrom(member, room, display);
            assertEquals(id, live.path("id").asText());
            assertEquals("build 42 is green", live.path("message").asText());
            assertTrue(live.path("bot").asBoolean());
            assertEquals("webhook", live.path("via").asText());

            // curl -d without a Content-Type says form-urlencoded: the body is read as JSON all the same
            given().contentType("application/x-www-form-urlencoded").body("{\"text\":\"no name given\"}").post(path).then()
                    .statusCode(200);
            assertTrue(Integrations.messageFrom(member, room, hookName).path("bot").asBoolean(), "the webhook's own name by default");

            member.send("send_message", "h1", Json.object("room", room, "message", "thanks, bot"));
            JsonNode human = Integrations.messageFrom(o, room, member.welcome().path("username").asText());
            assertFalse(human.has("bot"), "a person's message has no bot mark: " + human);
            assertFalse(human.has("via"));

            member.send("history", "h2", Json.object("room", room));
            JsonNode history = member.await("history", h -> "h2".equals(h.path("payload").path("ref").asText())).path("payload");
            assertEquals(3, history.path("messages").size());
            assertTrue(history.path("messages").get(0).path("bot").asBoolean());
            assertEquals("webhook", history.path("messages").get(0).path("via").asText());
            assertFalse(history.path("messages").get(2).has("bot"));
        }
    }

    @Test
    void nobodyChangesAWebhooksMessageNotEvenOneOfItsName() {
        String room = Unique.name("hooked");
        String token = Accounts.newAccount(Unique.name("own"));
        String display = Unique.name("imp");
        try (TestClient o = Integrations.ownerOf(ws, token, room); TestClient namesake = TestClient.guest(ws, display)) {
            Integrations.join(namesake, room);
            String path = createWebhook(token, room, "alerts").statusCode(201).extract().path("path");
            String id = postTo(path, "{\"text\":\"disk full\",\"name\":\"" + display + "\"}").statusCode(200).extract().path("id");
            namesake.send("edit_message", "e1", Json.object("messageId", id, "message", "disk fine"));
            namesake.awaitError("forbidden", "e1");
            namesake.send("delete_message", "d1", Json.object("messageId", id));
            namesake.awaitError("forbidden", "d1");
        }
    }

    @Test
    void onlyTheOwnerOrAnAdministratorManagesWebhooks() {
        String room = Unique.name("hooked");
        String token = Accounts.newAccount(Unique.name("own"));
        String other = Accounts.newAccount(Unique.name("oth"));
        try (TestClient o = Integrations.ownerOf(ws, token, room); TestClient guest = TestClient.guest(ws, Unique.name("gst"))) {
            String guestToken = guest.welcome().path("token").asText();
            createWebhook(other, room, "mine").statusCode(403).body("code", equalTo("forbidden"));
            as(other).get("/api/rooms/{room}/webhooks", room).then().statusCode(403);
            createWebhook(guestToken, room, "mine").statusCode(403).body("code", equalTo("forbidden"));
            given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/rooms/{room}/webhooks", room).then()
                    .statusCode(401).body("code", equalTo("auth_failed"));
            createWebhook("not.a.token", room, "x").statusCode(401);
            createWebhook(token, Unique.name("nosuch"), "x").statusCode(404).body("code", equalTo("room_not_found"));
            // general has no owner: its webhooks are the administrators'
            createWebhook(token, "general", "x").statusCode(403);
            String adminToken = Accounts.adminToken();
            String id = createWebhook(adminToken, "general", "announcer").statusCode(201).extract().path("id");
            as(adminToken).delete("/api/rooms/general/webhooks/{id}", id).then().statusCode(204);
            createWebhook(adminToken, room, "byadmin").statusCode(201);
            // a name breaks the rules; the body is no JSON object
            createWebhook(token, room, "no spaces").statusCode(400).body("code", equalTo("invalid_payload"));
            createWebhook(token, room, "admin").statusCode(400);
            as(token).body("{\"name\":").post("/api/rooms/{room}/webhooks", room).then().statusCode(400)
                    .body("code", equalTo("invalid_payload"));
            as(token).body("[]").post("/api/rooms/{room}/webhooks", room).then().statusCode(400).body("code", equalTo("invalid_payload"));
        }
    }

    @Test
    void aDeletedWebhookAndAWrongSecretPostNothing() {
        String room = Unique.name("hooked");
        String token = Accounts.newAccount(Unique.name("own"));
        try (TestClient o = Integrations.ownerOf(ws, token, room)) {
            String path = createWebhook(token, room, "temp").statusCode(201).extract().path("path");
            String id = path.split("/")[3];
            postTo(path.substring(0, path.lastIndexOf('/') + 1) + "wrong" + "x".repeat(38), "{\"text\":\"hi\"}").statusCode(401)
                    .body("code", equalTo("auth_failed"));
            postTo("/api/hooks/w_nosuchhook/" + path.substring(path.lastIndexOf('/') + 1), "{\"text\":\"hi\"}").statusCode(401);

            as(token).get("/api/rooms/{room}/webhooks", room).then().statusCode(200).body("webhooks", hasSize(1))
                    .body("webhooks[0].id", equalTo(id)).body("webhooks[0].name", equalTo("temp"))
                    .body("webhooks[0].secret", equalTo(null)).body("webhooks[0].createdBy", notNullValue());
            as(token).delete("/api/rooms/{room}/webhooks/{id}", room, id).then().statusCode(204);
            postTo(path, "{\"text\":\"still there?\"}").statusCode(401).body("code", equalTo("auth_failed"));
            as(token).get("/api/rooms/{room}/webhooks", room).then().statusCode(200).body("webhooks", empty());
            as(token).delete("/api/rooms/{room}/webhooks/{id}", room, id).then().statusCode(404).body("code", equalTo("not_found"));
            o.expectNone("new_message", java.time.Duration.ofMillis(300));
        }
    }

    @Test
    void badPostsAreRefusedClearlyAndAWebhookIsRateLimited() {
        String room = Unique.name("hooked");
        String token = Accounts.newAccount(Unique.name("own"));
        try (TestClient o = Integrations.ownerOf(ws, token, room)) {
            String path = createWebhook(token, room, "noisy").statusCode(201).extract().path("path");
            postTo(path, "{\"text\":").statusCode(400).body("code", equalTo("invalid_payload"));
            postTo(path, "{}").statusCode(400).body("code", equalTo("invalid_payload")).body("message", equalTo("text is required"));
            postTo(path, "{\"text\":\"\"}").statusCode(400).body("code", equalTo("invalid_payload"));
            // each post costs a token of the webhook's bucket (5 at once in the tests' profile), a refused one too
            path = createWebhook(token, room, "noisier").statusCode(201).extract().path("path");
            postTo(path, "{\"text\":7}").statusCode(400);
            postTo(path, "{\"text\":\"" + "a".repeat(4001) + "\"}").statusCode(413).body("code", equalTo("too_large"));
            postTo(path, "{\"text\":\"hi\",\"name\":\"two words\"}").statusCode(400).body("code", equalTo("invalid_payload"));
            o.expectNone("new_message", java.time.Duration.ofMillis(200));
        }
        // a fresh webhook: its bucket (5 at once, refilled slowly in the tests' profile) is full
        try (TestClient o = Integrations.ownerOf(ws, token, room + "b")) {
            String path = createWebhook(token, room + "b", "noisy").statusCode(201).extract().path("path");
            for (int i = 0; i < 5; i++) {
                postTo(path, "{\"text\":\"ping " + i + "\"}").statusCode(200);
            }
            postTo(path, "{\"text\":\"one too many\"}").statusCode(429).header("Retry-After", notNullValue())
                    .body("code", equalTo("rate_limited"));
        }
    }
}

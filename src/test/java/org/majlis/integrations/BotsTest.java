package org.majlis.integrations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.majlis.integrations.Integrations.as;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Bot accounts: an administrator's to create, list and delete; they log in with their token and their messages are marked. */
@QuarkusTest
class BotsTest {

    @TestHTTPResource("/ws")
    URI ws;

    private static io.restassured.response.ValidatableResponse createBot(String token, String name) {
        return as(token).body(Map.of("username", name)).post("/api/admin/bots").then();
    }

    @Test
    void aBotLogsInWithItsTokenAndItsMessagesAreMarked() {
        String admin = Accounts.adminToken();
        String bot = Unique.name("bot");
        JsonNode created = TestClient.JSON.valueToTree(createBot(admin, bot).statusCode(201).body("username", equalTo(bot))
                .extract().as(Map.class));
        assertTrue(Instant.parse(created.path("expiresAt").asText()).isAfter(Instant.now().plusSeconds(300L * 24 * 3600)),
                "a long-lived token: " + created);
        String room = Unique.name("botroom");
        String ownerName = Unique.name("own");
        String ownerToken = Accounts.newAccount(ownerName);
        try (TestClient owner = Integrations.ownerOf(ws, ownerToken, room); TestClient b = TestClient.withToken(ws, created.path("token").asText())) {
            JsonNode welcome = b.await("welcome").path("payload");
            assertEquals(bot, welcome.path("username").asText());
            assertFalse(welcome.path("guest").asBoolean());
            assertEquals(created.path("token").asText(), welcome.path("token").asText(), "the long-lived token is kept as it is");
            Integrations.join(b, room);
            b.send("send_message", "b1", Json.object("room", room, "message", "beep"));
            b.awaitAck("b1");
            JsonNode message = Integrations.messageFrom(owner, room, bot);
            assertTrue(message.path("bot").asBoolean());
            assertEquals("bot", message.path("via").asText());
            owner.send("send_message", "o1", Json.object("room", room, "message", "hello bot"));
            JsonNode human = Integrations.messageFrom(b, room, ownerName);
            assertFalse(human.has("bot"));
        }
        as(admin).get("/api/admin/bots").then().statusCode(200).body("bots.username", hasItem(bot));
        // nobody logs in as the bot with a password, nor as a guest of its name
        given().contentType(ContentType.JSON).body(Map.of("username", bot, "password", "anything at all"))
                .post("/api/auth/login").then().statusCode(401);
        try (TestClient guest = TestClient.connect(ws)) {
            guest.send("login", "g1", Json.object("username", bot));
            guest.awaitError("username_taken", "g1");
        }
    }

    @Test
    void onlyAnAdministratorManagesBotsAndADeletedBotsTokenStopsWorking() {
        String admin = Accounts.adminToken();
        String account = Unique.name("acc");
        String accountToken = Accounts.newAccount(account);
        createBot(accountToken, Unique.name("bot")).statusCode(403).body("code", equalTo("forbidden"));
        as(accountToken).get("/api/admin/bots").then().statusCode(403);
        try (TestClient guest = TestClient.guest(ws, Unique.name("gst"))) {
            createBot(guest.welcome().path("token").asText(), Unique.name("bot")).statusCode(403);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", "x")).post("/api/admin/bots").then().statusCode(401)
                .body("code", equalTo("auth_failed"));
        createBot(admin, account).statusCode(409).body("code", equalTo("username_taken"));
        createBot(admin, "two words").statusCode(400).body("code", equalTo("username_invalid"));
        createBot(admin, "system").statusCode(400);
        as(admin).body("{").post("/api/admin/bots").then().statusCode(400).body("code", equalTo("invalid_payload"));

        String bot = Unique.name("bot");
        String token = createBot(admin, bot).statusCode(201).body("token", notNullValue()).extract().path("token");
        createBot(admin, bot.toUpperCase(java.util.Locale.ROOT)).statusCode(409);
        // a new token: the first one stops working, the bot's connection closes
        try (TestClient b = TestClient.withToken(ws, token)) {
            b.await("welcome");
            as(accountToken).post("/api/admin/bots/{name}/token", bot).then().statusCode(403);
            String replaced = token;
            token = as(admin).post("/api/admin/bots/{name}/token", bot.toUpperCase(java.util.Locale.ROOT)).then().statusCode(200)
                    .body("username", equalTo(bot)).extract().path("token");
            assertFalse(token.equals(replaced));
            assertEquals(1008, b.awaitClose());
            try (TestClient old = TestClient.withToken(ws, replaced)) {
                old.awaitError("auth_failed", null);
            }
        }
        as(admin).post("/api/admin/bots/{name}/token", account).then().statusCode(404).body("code", equalTo("not_found"));
        try (TestClient b = TestClient.withToken(ws, token)) {
            b.await("welcome");
            as(accountToken).delete("/api/admin/bots/{name}", bot).then().statusCode(403);
            as(admin).delete("/api/admin/bots/{name}", bot).then().statusCode(204);
            assertEquals(1008, b.awaitClose());
        }
        try (TestClient again = TestClient.withToken(ws, token)) {
            again.awaitError("auth_failed", null);
        }
        as(admin).delete("/api/admin/bots/{name}", bot).then().statusCode(404).body("code", equalTo("not_found"));
        createBot(admin, bot).statusCode(409); // the name stays taken
    }
}

package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Accounts, tokens and how they meet guests, over REST and WebSocket with real clients. */
@QuarkusTest
class AccountsTest {

    @TestHTTPResource("/ws")
    URI ws;


    static void register(String name, String password) {
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/register").then().statusCode(201);
    }

    static String token(String name, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("token");
    }

    @Test
    void registrationRules() {
        String name = Unique.name("Rana");
        register(name, "correct horse");
        given().contentType(ContentType.JSON).body(Map.of("username", name.toUpperCase(), "password", "another one"))
                .post("/api/auth/register").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("username", "has space", "password", "long enough"))
                .post("/api/auth/register").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "long enough"))
                .post("/api/auth/register").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("username", Unique.name("short"), "password", "1234567"))
                .post("/api/auth/register").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{not json").post("/api/auth/register").then().statusCode(400);
    }

    @Test
    void loginGivesATokenAndTheSame401ForAnUnknownUserAndAWrongPassword() {
        String name = Unique.name("layla");
        register(name, "s3cret-pass");
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "s3cret-pass"))
                .post("/api/auth/login").then().statusCode(200)
                .body("username", equalTo(name)).body("token", notNullValue()).body("expiresAt", notNullValue());
        String wrongPassword = given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "wrong-pass"))
                .post("/api/auth/login").then().statusCode(401).extract().asString();
        String unknownUser = given().contentType(ContentType.JSON).body(Map.of("username", Unique.name("nobody"), "password", "wrong-pass"))
                .post("/api/auth/login").then().statusCode(401).extract().asString();
        assertEquals(wrongPassword, unknownUser);
    }

    @Test
    void guestsAndAccountsShareOneNamespaceBothWays() {
        String registered = Unique.name("owned");
        register(registered, "password-1");
        try (TestClient guest = TestClient.connect(ws)) {
            guest.send("login", "g", Json.object("username", registered.toLowerCase()));
            guest.awaitError("username_taken", "g");
            guest.assertAlive();
        }
        String held = Unique.name("guesty");
        try (TestClient guest = TestClient.guest(ws, held)) {
            given().contentType(ContentType.JSON).body(Map.of("username", held, "password", "password-1"))
                    .post("/api/auth/register").then().statusCode(409);
        }
    }

    @Test
    void anAccountOnSeveralDevicesGetsEverythingOnEach() {
        String name = Unique.name("multi");
        register(name, "password-2");
        String token = token(name, "password-2");
        String pal = Unique.name("pal");
        try (TestClient phone = TestClient.withToken(ws, token); TestClient laptop = TestClient.withToken(ws, token);
                TestClient friend = TestClient.guest(ws, pal)) {
            JsonNode welcome = phone.await("welcome").path("payload");
            assertEquals(name, welcome.path("username").asText());
            assertFalse(welcome.path("guest").asBoolean());
            assertNotNull(welcome.path("token").textValue());
            assertTrue(welcome.path("expiresAt").asText().endsWith("Z"));
            laptop.await("welcome");
            String text = Unique.name("to both devices ");
            friend.send("private_message", "d", Json.object("message", text, "to", name));
            phone.await("new_message", m -> text.equals(m.path("payload").path("message").asText()));
            laptop.await("new_message", m -> text.equals(m.path("payload").path("message").asText()));
            String reply = Unique.name("from the phone ");
            phone.send("private_message", "r", Json.object("message", reply, "to", pal));
            laptop.await("new_message", m -> reply.equals(m.path("payload").path("message").asText()));
            friend.await("new_message", m -> reply.equals(m.path("payload").path("message").asText()));
        }
    }

    @Test
    void aBearerTokenOnTheUpgradeLogsInAtOnceAndABadOneIsRefused() {
        String name = Unique.name("bearer");
        register(name, "password-3");
        String token = token(name, "password-3");
        try (TestClient client = TestClient.connect(ws, new WebSocketConnectOptions().addHeader("Authorization", "Bearer " + token))) {
            assertEquals(name, client.await("welcome").path("payload").path("username").asText());
        }
        assertThrows(AssertionError.class,
                () -> TestClient.connect(ws, new WebSocketConnectOptions().addHeader("Authorization", "Bearer " + token + "x")));
    }

    @Test
    void forgedTamperedAndUnsignedTokensFail() throws Exception {
        String name = Unique.name("victim");
        register(name, "password-4");
        String token = token(name, "password-4");
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(name, "mallory");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String unsigned = header + "." + parts[1] + ".";
        // of the live session, so that only the signature or the expiry is wrong
        String session = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1])).path("sid").asText();
        String otherKey = Jwt.issuer("majlis").upn(name).claim("guest", false).claim("sid", session)
                .expiresAt(Instant.now().plusSeconds(600)).sign(KeyUtils.generateKeyPair(2048).getPrivate());
        byte[] guessed = new byte[32];
        new SecureRandom().nextBytes(guessed);
        String otherSecret = Jwt.issuer("majlis").upn(name).claim("guest", false).claim("sid", session)
                .expiresAt(Instant.now().plusSeconds(600)).jws().algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(guessed, "HmacSHA256"));
        String expired = Jwt.issuer("majlis").upn(name).claim("guest", false).claim("sid", session)
                .expiresAt(Instant.now().minusSeconds(600)).sign(KeyUtils.generateKeyPair(2048).getPrivate());
        for (String bad : new String[] {tampered, unsigned, otherKey, otherSecret, expired, "garbage", ""}) {
            try (TestClient client = TestClient.connect(ws)) {
                client.send("login", "t", Json.object("token", bad));
                JsonNode error = client.await("error").path("payload");
                assertTrue(Map.of("auth_failed", 1, "invalid_payload", 1).containsKey(error.path("code").asText()), error::toString);
                client.assertAlive();
            }
        }
    }

    @Test
    void aGuestGetsItsIdentityBackWithItsSessionTokenEvenBeforeTheOldConnectionCloses() {
        String name = Unique.name("returning");
        try (TestClient guest = TestClient.connect(ws)) {
            guest.send("login", null, Json.object("username", name));
            String session = guest.await("welcome").path("payload").path("token").asText();
            try (TestClient again = TestClient.withToken(ws, session)) {
                JsonNode welcome = again.await("welcome").path("payload");
                assertEquals(name, welcome.path("username").asText());
                assertTrue(welcome.path("guest").asBoolean());
            }
            try (TestClient other = TestClient.connect(ws)) {
                other.send("login", "o", Json.object("username", name));
                other.awaitError("username_taken", "o");
            }
        }
    }

    @Test
    void directMessagesToAnOfflineAccountWaitInItsCountsAndHistory() {
        String name = Unique.name("away");
        register(name, "password-5");
        String sender = Unique.name("sender");
        String text = Unique.name("while you were out ");
        try (TestClient s = TestClient.guest(ws, sender)) {
            s.send("private_message", "o", Json.object("message", text, "to", name));
            s.awaitAck("o");
            s.send("private_message", "n", Json.object("message", "hi", "to", Unique.name("ghost")));
            s.awaitError("user_not_found", "n");
        }
        try (TestClient back = TestClient.withToken(ws, token(name, "password-5"))) {
            JsonNode welcome = back.await("welcome").path("payload");
            JsonNode direct = null;
            for (JsonNode d : welcome.path("directs")) {
                if (sender.equals(d.path("to").asText())) {
                    direct = d;
                }
            }
            assertNotNull(direct, welcome::toString);
            assertEquals(1, direct.path("unread").asLong());
            back.send("history", "h", Json.object("to", sender));
            JsonNode history = back.await("history").path("payload");
            assertEquals(text, history.path("messages").get(0).path("message").asText());
        }
    }

    @Test
    void theOnlineListOverRestNeedsAToken() {
        String name = Unique.name("rest");
        register(name, "password-6");
        given().get("/api/users/online").then().statusCode(401);
        given().header("Authorization", "Bearer nonsense").get("/api/users/online").then().statusCode(401);
        given().header("Authorization", "Bearer " + token(name, "password-6")).get("/api/users/online")
                .then().statusCode(200).body("users", notNullValue());
    }
}

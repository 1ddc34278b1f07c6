package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** {@code DELETE /api/auth/account}: the password required; everything of the account ends, its name stays taken a while. */
@QuarkusTest
class AccountDeletionTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    AccountStore store;

    private static int delete(String token, String password) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("password", password)).delete("/api/auth/account").statusCode();
    }

    private static int register(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "another password"))
                .post("/api/auth/register").statusCode();
    }

    @Test
    void theAccountEndsEverywhereAndItsNameStaysTaken() {
        String name = Unique.name("del");
        String token = Accounts.newAccount(name);
        String other = Accounts.token(name, name + " password");
        String room = Unique.name("delroom");
        try (TestClient owner = TestClient.withToken(ws, token); TestClient phone = TestClient.withToken(ws, other);
                TestClient friend = TestClient.guest(ws, Unique.name("friend"))) {
            owner.await("welcome");
            phone.await("welcome");
            friend.send("create_room", "c", Json.object("room", room));
            friend.awaitAck("c");
            owner.send("join_room", "j", Json.object("room", room));
            owner.await("room");
            assertEquals(403, delete(token, "not the password"));
            owner.assertAlive();

            assertEquals(204, delete(token, name + " password"));
            assertEquals(1000, owner.awaitClose());
            assertEquals(1000, phone.awaitClose());

            friend.send("private_message", "p", Json.object("to", name, "message", "are you there?"));
            friend.awaitError("user_not_found", "p");
            friend.send("join_room", "r", Json.object("room", room));
            assertFalse(Json.strings(friend.await("room").path("payload").path("members")).contains(name), "it left its rooms");
        }
        given().header("Authorization", "Bearer " + other).get("/api/sessions").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", name + " password"))
                .post("/api/auth/login").then().statusCode(401);
        assertEquals(409, register(name), "the name stays taken");
        assertEquals(409, register(name.toUpperCase()), "as names compare");
        try (TestClient impostor = TestClient.connect(ws)) {
            impostor.send("login", null, Json.object("username", name));
            impostor.awaitError("username_taken", null);
        }

        store.removeDeletedBefore(Long.MAX_VALUE); // as the hold having passed
        assertEquals(201, register(name), "the name is free again");
    }

    @Test
    void guestsAndStrangersCannot() {
        try (TestClient guest = TestClient.guest(ws, Unique.name("delg"))) {
            assertEquals(403, delete(guest.welcome().path("token").asText(), "any password"));
        }
        assertEquals(401, delete("not-a-token", "any password"));
    }

    @Test
    void aWrongPasswordKeepsTheAccount() {
        String name = Unique.name("delw");
        String token = Accounts.newAccount(name);
        assertEquals(403, delete(token, "wrong"));
        given().header("Authorization", "Bearer " + token).get("/api/sessions").then().statusCode(200);
        Accounts.token(name, name + " password");
    }
}

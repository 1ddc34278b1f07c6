package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** {@code PUT /api/auth/password}: the current password required; the account's other sessions end. */
@QuarkusTest
class PasswordChangeTest {

    @TestHTTPResource("/ws")
    URI ws;

    private static int change(String token, String current, String replacement) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("password", current, "newPassword", replacement)).put("/api/auth/password").statusCode();
    }

    private static int login(String name, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/login").statusCode();
    }

    @Test
    void theCurrentPasswordChangesItAndSignsOutTheOtherSessions() {
        String name = Unique.name("pw");
        AccountsTest.register(name, "old password");
        String here = AccountsTest.token(name, "old password");
        String elsewhere = AccountsTest.token(name, "old password");
        try (TestClient laptop = TestClient.withToken(ws, here); TestClient phone = TestClient.withToken(ws, elsewhere)) {
            laptop.await("welcome");
            phone.await("welcome");
            assertEquals(403, change(here, "not the password", "new password"));
            assertEquals(400, change(here, "old password", "short"));
            assertEquals(204, change(here, "old password", "new password"));

            assertEquals(1008, phone.awaitClose(), "the other session's connection is closed");
            laptop.assertAlive();
        }
        assertEquals(401, login(name, "old password"));
        assertEquals(200, login(name, "new password"));
        try (TestClient stale = TestClient.withToken(ws, elsewhere); TestClient kept = TestClient.withToken(ws, here)) {
            stale.awaitError("auth_failed", null);
            kept.await("welcome");
        }
    }

    @Test
    void guestsAndStrangersCannot() {
        try (TestClient guest = TestClient.guest(ws, Unique.name("pwg"))) {
            assertEquals(403, change(guest.welcome().path("token").asText(), "any", "any password"));
        }
        assertEquals(401, change("not-a-token", "any", "any password"));
    }
}

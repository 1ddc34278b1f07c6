package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** {@code GET /api/sessions} and {@code DELETE /api/sessions/{id}}: a user's sessions, each revocable. */
@QuarkusTest
class SessionListTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    SessionUse sessionUse;

    static JsonPath list(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/sessions").then().statusCode(200).extract().jsonPath();
    }

    static int revoke(String token, String id) {
        return given().header("Authorization", "Bearer " + token).delete("/api/sessions/" + id).statusCode();
    }

    @Test
    void theListShowsEachLiveSessionWithItsLastUseAndOneCanBeEnded() throws Exception {
        String name = Unique.name("sl");
        String laptop = Accounts.newAccount(name);
        String phone = Accounts.token(name, name + " password");
        List<Map<String, Object>> sessions = list(laptop).getList("sessions");
        assertEquals(2, sessions.size(), sessions::toString);
        Map<String, Object> current = sessions.stream().filter(s -> Boolean.TRUE.equals(s.get("current"))).findFirst().orElseThrow();
        Map<String, Object> other = sessions.stream().filter(s -> Boolean.FALSE.equals(s.get("current"))).findFirst().orElseThrow();
        assertEquals(false, other.get("guest"));
        assertEquals(other.get("createdAt"), other.get("lastUsedAt"), "not used since it started");

        Thread.sleep(5);
        try (TestClient onLaptop = TestClient.withToken(ws, laptop)) {
            onLaptop.await("welcome");
            Thread.sleep(5);
            try (TestClient onPhone = TestClient.withToken(ws, phone)) {
                onPhone.await("welcome");
                sessionUse.flush();
                Map<String, Object> used = list(laptop).getList("sessions", Map.class).stream()
                        .filter(s -> s.get("id").equals(other.get("id"))).findFirst().orElseThrow();
                assertTrue(Instant.parse((String) used.get("lastUsedAt")).isAfter(Instant.parse((String) used.get("createdAt"))),
                        used::toString);
                assertEquals(used.get("id"), list(laptop).getList("sessions", Map.class).get(0).get("id"),
                        "the most recently used first");

                assertEquals(204, revoke(laptop, (String) other.get("id")));
                assertEquals(1000, onPhone.awaitClose(), "the ended session's connection is closed");
            }
            onLaptop.assertAlive();
        }
        given().header("Authorization", "Bearer " + phone).get("/api/sessions").then().statusCode(401);
        assertEquals(List.of(current.get("id")), list(laptop).getList("sessions.id"));
    }

    @Test
    void onlyOnesOwnLiveSessionsCanBeEnded() {
        String mine = Accounts.newAccount(Unique.name("sm"));
        String theirs = Accounts.newAccount(Unique.name("st"));
        String theirId = list(theirs).getString("sessions[0].id");
        assertEquals(404, revoke(mine, theirId), "another user's session");
        assertEquals(404, revoke(mine, "s_unknown"));
        assertEquals(401, revoke("not-a-token", theirId));
        given().get("/api/sessions").then().statusCode(401);
        assertEquals(1, list(theirs).getList("sessions").size(), "untouched");

        String second = list(mine).getString("sessions[0].id");
        assertEquals(204, revoke(mine, second), "one's own current session may be ended too");
        assertEquals(401, revoke(mine, second), "and its token is then refused");
    }

    @Test
    void aGuestSeesItsOneSession() {
        try (TestClient guest = TestClient.guest(ws, Unique.name("sg"))) {
            JsonPath sessions = list(guest.welcome().path("token").asText());
            assertEquals(List.of(true), sessions.getList("sessions.guest"));
            assertEquals(List.of(true), sessions.getList("sessions.current"));
        }
    }
}

package org.majlis.moderation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.majlis.moderation.Moderation.ok;
import static org.majlis.moderation.Moderation.refused;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Server administrators: {@code general}'s moderators, and the REST administration (admins, accounts, audit, reports). */
@QuarkusTest
class AdministrationTest {

    @TestHTTPResource("/ws")
    URI ws;

    private static int postJson(String token, String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token).body(body).post(path).statusCode();
    }

    private static JsonPath get(String token, String path) {
        return given().header("Authorization", "Bearer " + token).get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void administratorsModerateGeneralAndNobodyActsOnThem() {
        String guestName = Unique.name("loud");
        try (TestClient admin = TestClient.withToken(ws, Accounts.adminToken()); TestClient guest = TestClient.guest(ws, guestName);
                TestClient other = TestClient.guest(ws, Unique.name("other"))) {
            assertTrue(admin.await("welcome").path("payload").path("admin").asBoolean(), "the welcome says who administers");
            assertFalse(guest.welcome().has("admin"));
            String shout = Moderation.post(guest, "general", "SHOUTING");
            refused("forbidden", other, "remove_message", "messageId", shout);
            ok(admin, "remove_message", "messageId", shout, "reason", "shouting");
            assertTrue(other.await("message_deleted", e -> shout.equals(e.path("payload").path("messageId").asText()))
                    .path("payload").path("removed").asBoolean());

            ok(admin, "mute", "room", "general", "username", guestName, "minutes", 1);
            refused("muted", guest, "send_message", "message", "again");
            ok(admin, "unmute", "room", "general", "username", guestName);

            ok(admin, "ban", "room", "general", "username", guestName);
            refused("forbidden", guest, "send_message", "message", "hello?");
            refused("forbidden", guest, "history", "room", "general");
            guest.drain("new_message");
            Moderation.post(other, "general", "the banned do not hear this");
            guest.expectNone("new_message", Duration.ofMillis(300));
            ok(admin, "unban", "room", "general", "username", guestName);
            Moderation.post(guest, "general", "back in general");

            // a room owner does not act on an administrator
            String room = Unique.name("adminroom");
            ok(guest, "create_room", "room", room);
            ok(admin, "join_room", "room", room);
            refused("forbidden", guest, "kick", "room", room, "username", Accounts.ADMIN);
            // an administrator acts in any room, as its owner would
            ok(admin, "update_room", "room", room, "topic", "set by an administrator");
            ok(admin, "delete_room", "room", room);
        }
    }

    @Test
    void onlyAdministratorsAdministerAndEveryActionIsAudited() {
        String admin = Accounts.adminToken();
        String userName = Unique.name("plain");
        String user = Accounts.newAccount(userName);
        given().get("/api/admin/audit").then().statusCode(401);
        given().header("Authorization", "Bearer " + user).get("/api/admin/audit").then().statusCode(403);
        try (TestClient guest = TestClient.guest(ws, Unique.name("g"))) {
            given().header("Authorization", "Bearer " + guest.welcome().path("token").asText()).get("/api/admin/reports")
                    .then().statusCode(403);
        }

        // naming another administrator, who then administers; the configured one cannot be removed
        given().header("Authorization", "Bearer " + admin).put("/api/admin/admins/" + userName).then().statusCode(204);
        assertTrue(get(user, "/api/admin/admins").getList("admins").contains(userName));
        given().header("Authorization", "Bearer " + user).delete("/api/admin/admins/" + Accounts.ADMIN).then().statusCode(409);
        given().header("Authorization", "Bearer " + admin).put("/api/admin/admins/" + Unique.name("nobody")).then().statusCode(404);
        given().header("Authorization", "Bearer " + admin).delete("/api/admin/admins/" + userName).then().statusCode(204);
        given().header("Authorization", "Bearer " + user).get("/api/admin/admins").then().statusCode(403);

        List<Map<String, String>> audit = get(admin, "/api/admin/audit?limit=2").getList("items");
        assertEquals(List.of("remove_admin", "add_admin"), audit.stream().map(entry -> entry.get("action")).toList());
        assertEquals(List.of(userName, userName), audit.stream().map(entry -> entry.get("target")).toList());
        String next = get(admin, "/api/admin/audit?limit=1").getString("next");
        assertEquals("add_admin", get(admin, "/api/admin/audit?limit=1&before=" + next).getString("items[0].action"),
                "the next page follows the first");
    }

    @Test
    void aDisabledAccountIsSignedOutAndCannotLogInUntilEnabled() {
        String admin = Accounts.adminToken();
        String name = Unique.name("trouble");
        String token = Accounts.newAccount(name);
        try (TestClient client = TestClient.withToken(ws, token)) {
            client.await("welcome");
            assertEquals(400, postJson(admin, "/api/admin/accounts/" + name + "/disable", Map.of("reason", "x".repeat(501))));
            assertEquals(204, postJson(admin, "/api/admin/accounts/" + name + "/disable", Map.of("reason", "spamming")));
            assertEquals(1008, client.awaitClose());
        }
        given().header("Authorization", "Bearer " + token).get("/api/sessions").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", name + " password"))
                .post("/api/auth/login").then().statusCode(401);
        assertEquals(403, postJson(admin, "/api/admin/accounts/" + Accounts.ADMIN + "/disable", Map.of()), "not an administrator");
        assertEquals(404, postJson(admin, "/api/admin/accounts/" + Unique.name("nobody") + "/disable", Map.of()));
        assertEquals("spamming", get(admin, "/api/admin/audit?limit=1").getString("items[0].reason"));

        assertEquals(204, postJson(admin, "/api/admin/accounts/" + name + "/enable", Map.of()));
        assertEquals(404, postJson(admin, "/api/admin/accounts/" + name + "/enable", Map.of()), "enabled already");
        Accounts.token(name, name + " password");
    }

    @Test
    void reportsReachTheAdministratorsUntilResolved() {
        String admin = Accounts.adminToken();
        String reporterName = Unique.name("reporter");
        String room = Unique.name("reported");
        try (TestClient author = TestClient.guest(ws, Unique.name("author")); TestClient reporter = TestClient.guest(ws, reporterName);
                TestClient outsider = TestClient.guest(ws, Unique.name("outsider"))) {
            ok(author, "create_room", "room", room, "private", true, "members", List.of(reporterName));
            ok(reporter, "join_room", "room", room);
            String message = Moderation.post(author, room, "something nasty");
            refused("invalid_payload", reporter, "report", "messageId", message);
            refused("forbidden", outsider, "report", "messageId", message, "reason", "I cannot even see it");
            refused("not_found", reporter, "report", "messageId", "m_unknown", "reason", "nothing");
            ok(reporter, "report", "messageId", message, "reason", "nasty");

            Map<String, String> report = get(admin, "/api/admin/reports").<Map<String, String>>getList("items").stream()
                    .filter(r -> message.equals(r.get("messageId"))).findFirst().orElseThrow();
            assertEquals(List.of(room, "something nasty", reporterName, "nasty"),
                    List.of(report.get("room"), report.get("message"), report.get("reporter"), report.get("reason")));
            given().header("Authorization", "Bearer " + Accounts.newAccount(Unique.name("nosy"))).get("/api/admin/reports")
                    .then().statusCode(403);
            assertEquals(400, postJson(admin, "/api/admin/reports/" + report.get("id") + "/resolve", Map.of()));
            assertEquals(204, postJson(admin, "/api/admin/reports/" + report.get("id") + "/resolve", Map.of("resolution", "removed it")));
            assertEquals(404, postJson(admin, "/api/admin/reports/" + report.get("id") + "/resolve", Map.of("resolution", "again")));
            assertFalse(get(admin, "/api/admin/reports").getList("items.id").contains(report.get("id")), "no longer open");
            assertTrue(get(admin, "/api/admin/reports?all=true&limit=200").getList("items.id").contains(report.get("id")));
        }
    }
}

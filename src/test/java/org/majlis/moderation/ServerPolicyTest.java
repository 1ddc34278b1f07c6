package org.majlis.moderation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** The server's policy set by administrators at run time: guests, registration, banned guest names and addresses. */
@QuarkusTest
class ServerPolicyTest {

    /** An address of this machine that the other tests do not use, so that banning it leaves them alone. */
    private static final String OTHER_ADDRESS = "127.0.0.2";

    @TestHTTPResource("/ws")
    URI ws;

    @TestHTTPResource("/")
    URI base;

    private static int send(String token, String method, String path, Map<String, ?> body) {
        var request = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.body(body);
        }
        return request.request(method, path).statusCode();
    }

    private static TestClient fromOtherAddress(URI ws) {
        return TestClient.connect(ws, new WebSocketConnectOptions(), new WebSocketClientOptions().setLocalAddress(OTHER_ADDRESS));
    }

    @Test
    void guestAccessAndRegistrationSwitchAtRunTime() {
        String admin = Accounts.adminToken();
        assertEquals(403, send(Accounts.newAccount(Unique.name("nosy")), "PUT", "/api/admin/settings", Map.of("guests", false)));
        try {
            assertEquals(400, send(admin, "PUT", "/api/admin/settings", Map.of()));
            assertEquals(200, send(admin, "PUT", "/api/admin/settings", Map.of("guests", false, "registration", false)));
            JsonPath settings = given().header("Authorization", "Bearer " + admin).get("/api/admin/settings").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(List.of(false, false), List.of(settings.getBoolean("guests"), settings.getBoolean("registration")));
            try (TestClient guest = TestClient.connect(ws)) {
                guest.send("login", "l", Json.object("username", Unique.name("late")));
                guest.awaitError("guests_disabled", "l");
            }
            given().contentType(ContentType.JSON).body(Map.of("username", Unique.name("late"), "password", "long enough"))
                    .post("/api/auth/register").then().statusCode(403);
        } finally {
            assertEquals(200, send(admin, "PUT", "/api/admin/settings", Map.of("guests", true, "registration", true)));
        }
        TestClient.guest(ws, Unique.name("back")).close();
        Accounts.newAccount(Unique.name("back"));
    }

    @Test
    void theMessageLimitOfGuestsIsSetApartFromAccounts() {
        String admin = Accounts.adminToken();
        assertEquals(400, send(admin, "PUT", "/api/admin/settings", Map.of("messageLimits", Map.of("guest",
                Map.of("perSecond", 0, "burst", 3)))));
        Map<String, Object> accounts = given().header("Authorization", "Bearer " + admin).get("/api/admin/settings").then()
                .extract().jsonPath().getMap("messageLimits.account");
        try {
            assertEquals(200, send(admin, "PUT", "/api/admin/settings", Map.of("messageLimits", Map.of("guest",
                    Map.of("perSecond", 0.01, "burst", 2)))));
            try (TestClient guest = TestClient.guest(ws, Unique.name("slow")); TestClient account = TestClient.withToken(ws,
                    Accounts.newAccount(Unique.name("fast")))) {
                account.await("welcome");
                for (int i = 0; i < 2; i++) {
                    Moderation.ok(guest, "send_message", "message", "guest " + i);
                }
                Moderation.refused("rate_limited", guest, "send_message", "message", "one too many");
                for (int i = 0; i < 5; i++) {
                    Moderation.ok(account, "send_message", "message", "account " + i);
                }
            }
            assertEquals(accounts, given().header("Authorization", "Bearer " + admin).get("/api/admin/settings").then().extract()
                    .jsonPath().getMap("messageLimits.account"), "the accounts' limit is untouched");
        } finally {
            assertEquals(200, send(admin, "DELETE", "/api/admin/settings/message-limits", null));
        }
    }

    @Test
    void aBannedGuestNameIsSignedOutAndRefusedWithItsLookalikes() {
        String admin = Accounts.adminToken();
        String name = Unique.name("troll");
        try (TestClient troll = TestClient.guest(ws, name)) {
            assertEquals(201, send(admin, "POST", "/api/admin/bans", Map.of("kind", "name", "value", name, "reason", "trolling")));
            assertEquals(1008, troll.awaitClose());
        }
        assertEquals(409, send(admin, "POST", "/api/admin/bans", Map.of("kind", "name", "value", name)));
        assertEquals(400, send(admin, "POST", "/api/admin/bans", Map.of("kind", "name", "value", "not a name")));
        assertEquals(400, send(admin, "POST", "/api/admin/bans", Map.of("kind", "planet", "value", name)));
        for (String again : new String[] {name, name.toUpperCase()}) {
            try (TestClient client = TestClient.connect(ws)) {
                client.send("login", "l", Json.object("username", again));
                client.awaitError("forbidden", "l");
            }
        }
        assertTrue(given().header("Authorization", "Bearer " + admin).get("/api/admin/bans").then().statusCode(200).extract()
                .jsonPath().getList("bans.value").contains(name));
        given().header("Authorization", "Bearer " + admin).queryParam("kind", "name").queryParam("value", name)
                .delete("/api/admin/bans").then().statusCode(204);
        given().header("Authorization", "Bearer " + admin).queryParam("kind", "name").queryParam("value", name)
                .delete("/api/admin/bans").then().statusCode(404);
        TestClient.guest(ws, name).close();
    }

    @Test
    void aBannedAddressIsDisconnectedAndRefused() throws Exception {
        String admin = Accounts.adminToken();
        String name = Unique.name("faraway");
        try (TestClient far = fromOtherAddress(ws); TestClient near = TestClient.guest(ws, Unique.name("near"))) {
            far.send("login", "l", Json.object("username", name));
            far.await("welcome");
            assertEquals(201, send(admin, "POST", "/api/admin/bans", Map.of("kind", "address", "value", OTHER_ADDRESS + "/32")));
            assertEquals(1008, far.awaitClose(), "its connection closes");
            near.assertAlive();
        }
        try {
            assertEquals(400, send(admin, "POST", "/api/admin/bans", Map.of("kind", "address", "value", "example.com")));
            HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(OTHER_ADDRESS)).build();
            HttpResponse<String> register = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/register"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"long enough\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, register.statusCode(), register::body);
            AssertionError refused = assertThrows(AssertionError.class, () -> fromOtherAddress(ws));
            assertTrue(refused.getCause() != null, "the upgrade is refused");
        } finally {
            given().header("Authorization", "Bearer " + admin).queryParam("kind", "address").queryParam("value", OTHER_ADDRESS + "/32")
                    .delete("/api/admin/bans").then().statusCode(204);
        }
        fromOtherAddress(ws).close();
    }
}

package org.majlis.profiles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Profiles over REST: the rules of the texts, the avatar made and served, and every refusal. */
@QuarkusTest
class ProfilesTest {

    @TestHTTPResource("/ws")
    URI ws;

    static ExtractableResponse<Response> setText(String token, String displayName, String statusText) {
        Map<String, String> body = new HashMap<>();
        body.put("displayName", displayName);
        body.put("statusText", statusText);
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .put("/api/profile").then().extract();
    }

    static ExtractableResponse<Response> setAvatar(String token, String type, byte[] bytes) {
        return given().header("Authorization", "Bearer " + token).contentType(type).body(bytes)
                .put("/api/profile/avatar").then().extract();
    }

    static ExtractableResponse<Response> profile(String token, String name) {
        return given().header("Authorization", "Bearer " + token).get("/api/users/" + name + "/profile").then().extract();
    }

    @Test
    void anAccountSetsItsDisplayNameAndStatusInAnyScriptAndOthersReadThem() {
        String name = Unique.name("prof");
        String token = Accounts.newAccount(name);
        String reader = Accounts.newAccount(Unique.name("reader"));

        ExtractableResponse<Response> set = setText(token, "  سارة الحربي  ", "Cafe\u0301 ☕ \u0928\u092e\u0938\u094d\u0924\u0947");
        assertEquals(200, set.statusCode(), set.asString());
        assertEquals("سارة الحربي", set.path("displayName"), "trimmed");
        assertEquals("Café ☕ नमस्ते", set.path("statusText"), "NFC, marks of other scripts kept");

        ExtractableResponse<Response> read = profile(reader, name.toUpperCase());
        assertEquals(200, read.statusCode(), read.asString());
        assertEquals(name, read.path("username"), "the account's own spelling");
        assertEquals("سارة الحربي", read.path("displayName"));
        assertEquals("Café ☕ नमस्ते", read.path("statusText"));
        assertTrue(read.body().jsonPath().getMap("").containsKey("avatarUrl"), "unset fields are there, null");
        assertNull(read.path("avatarUrl"));

        // 64 characters are code points: 64 emoji (128 UTF-16 units) fit; a joiner and a Persian ZWNJ too
        assertEquals(200, setText(token, "😀".repeat(64), "👩\u200D💻 می\u200Cخواهم").statusCode());
        ExtractableResponse<Response> cleared = setText(token, "", "   ");
        assertEquals(200, cleared.statusCode());
        assertNull(cleared.path("displayName"), "empty clears it");
        assertNull(profile(reader, name).path("statusText"), "blank clears it");
    }

    @Test
    void inASmallCommunityEveryoneOnlineHearsOfAChange() {
        String name = Unique.name("small");
        String token = Accounts.newAccount(name);
        try (TestClient guest = TestClient.guest(ws, Unique.name("anyone"))) {
            assertEquals("all", guest.welcome().path("presence").asText());
            assertEquals(200, setText(token, "Layla", null).statusCode());
            JsonNode heard = guest.await("profile_changed", e -> name.equals(e.path("payload").path("username").asText()))
                    .path("payload");
            assertEquals("Layla", heard.path("displayName").asText());
            assertTrue(heard.path("statusText").isNull(), heard::toString);
        }
    }

    @Test
    void badTextsAreRefusedAndNothingChanges() {
        String name = Unique.name("badtext");
        String token = Accounts.newAccount(name);
        assertEquals(200, setText(token, "Sara", "here").statusCode());

        assertRefused(setText(token, "x".repeat(65), null), 400, "invalid_payload");
        assertRefused(setText(token, null, "x".repeat(141)), 400, "invalid_payload");
        assertRefused(setText(token, "Sa\u0007ra", null), 400, "invalid_payload");
        assertRefused(setText(token, "Sara\nAdmin", null), 400, "invalid_payload");
        assertRefused(setText(token, "\u202Enimda", null), 400, "invalid_payload");
        assertRefused(setText(token, "Sara\u2066x\u2069", null), 400, "invalid_payload");
        assertRefused(setText(token, "Sa\u200Bra", null), 400, "invalid_payload");
        assertRefused(setText(token, null, "hi\u2028there"), 400, "invalid_payload");

        ExtractableResponse<Response> unchanged = profile(token, name);
        assertEquals("Sara", unchanged.path("displayName"));
        assertEquals("here", unchanged.path("statusText"));
    }

    @Test
    void guestsAndRequestsWithoutATokenHaveNoProfile() {
        String account = Unique.name("acct");
        String token = Accounts.newAccount(account);
        try (TestClient guest = TestClient.guest(ws, Unique.name("guest"))) {
            String guestToken = guest.welcome().path("token").asText();
            assertRefused(setText(guestToken, "Guest", null), 403, "forbidden");
            assertRefused(setAvatar(guestToken, "image/png", Pictures.halves(10, 10, "png")), 403, "forbidden");
            assertRefused(given().header("Authorization", "Bearer " + guestToken).delete("/api/profile/avatar").then().extract(),
                    403, "forbidden");
            assertRefused(profile(guestToken, guest.welcome().path("username").asText()), 404, "not_found");
            assertEquals(200, profile(guestToken, account).statusCode(), "a guest reads an account's profile");
        }
        assertRefused(given().contentType(ContentType.JSON).body(Map.of("displayName", "x")).put("/api/profile").then().extract(),
                401, "auth_failed");
        assertRefused(setAvatar("not.a.token", "image/png", Pictures.halves(10, 10, "png")), 401, "auth_failed");
        assertRefused(given().delete("/api/profile/avatar").then().extract(), 401, "auth_failed");
        assertRefused(given().get("/api/users/" + account + "/profile").then().extract(), 401, "auth_failed");
        assertRefused(profile(token, Unique.name("nobody")), 404, "not_found");
        assertRefused(profile(token, "not a name"), 404, "not_found");
    }

    @Test
    void anAvatarIsResizedToASquarePngAndServedSafely() throws IOException {
        String name = Unique.name("pic");
        String token = Accounts.newAccount(name);
        ExtractableResponse<Response> set = setAvatar(token, "image/png", Pictures.halves(300, 200, "png"));
        assertEquals(200, set.statusCode(), set.asString());
        String url = set.path("avatarUrl");
        assertTrue(url.startsWith("/api/users/" + name + "/avatar?v="), url);

        ExtractableResponse<Response> served = given().get(url).then().extract();
        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.contentType());
        assertEquals("nosniff", served.header("X-Content-Type-Options"));
        assertEquals("private, max-age=86400", served.header("Cache-Control"));
        String etag = served.header("ETag");
        BufferedImage avatar = ImageIO.read(new ByteArrayInputStream(served.asByteArray()));
        assertEquals(128, avatar.getWidth());
        assertEquals(128, avatar.getHeight());
        // the centre square of a picture red on its left half, blue on its right
        assertEquals(0xffff0000, avatar.getRGB(10, 64));
        assertEquals(0xff0000ff, avatar.getRGB(118, 64));

        assertEquals(304, given().header("If-None-Match", etag).get(url).then().extract().statusCode());
        assertEquals("private, no-cache", given().get("/api/users/" + name + "/avatar").then().extract().header("Cache-Control"),
                "asked without the current version: revalidated each time");

        String jpegUrl = setAvatar(token, "image/jpeg", Pictures.halves(64, 640, "jpg")).path("avatarUrl");
        assertNotEquals(url, jpegUrl, "a new picture is a new version");
        assertEquals(128, ImageIO.read(new ByteArrayInputStream(given().get(jpegUrl).then().statusCode(200).extract().asByteArray()))
                .getWidth());
        assertEquals(200, setAvatar(token, "image/gif", Pictures.halves(40, 40, "gif")).statusCode(), "a GIF too");

        ExtractableResponse<Response> removed = given().header("Authorization", "Bearer " + token).delete("/api/profile/avatar")
                .then().extract();
        assertEquals(200, removed.statusCode());
        assertNull(removed.path("avatarUrl"));
        assertRefused(given().get(url).then().extract(), 404, "not_found");
    }

    @Test
    void aDeletedAccountTakesItsProfileAndPictureWithIt() {
        String name = Unique.name("gone");
        String token = Accounts.newAccount(name);
        String reader = Accounts.newAccount(Unique.name("stays"));
        assertEquals(200, setText(token, "Gone soon", null).statusCode());
        String url = setAvatar(token, "image/png", Pictures.halves(30, 30, "png")).path("avatarUrl");
        assertEquals(200, given().get(url).then().extract().statusCode());

        assertEquals(204, given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("password", name + " password")).delete("/api/auth/account").then().extract().statusCode());

        assertRefused(given().get(url).then().extract(), 404, "not_found");
        assertRefused(profile(reader, name), 404, "not_found");
    }

    @Test
    void picturesThatCannotBeAvatarsAreRefused() {
        String name = Unique.name("badpic");
        String token = Accounts.newAccount(name);
        byte[] png = Pictures.halves(50, 50, "png");
        String kept = setAvatar(token, "image/png", png).path("avatarUrl");

        assertRefused(setAvatar(token, "image/png", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes()), 400, "invalid_payload");
        assertRefused(setAvatar(token, "image/webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes()), 400, "invalid_payload");
        assertRefused(setAvatar(token, "image/png", Arrays.copyOf(png, 60)), 400, "invalid_payload");
        byte[] oversize = Arrays.copyOf(png, ProfileResource.MAX_UPLOAD + 1);
        assertRefused(setAvatar(token, "image/png", oversize), 413, "too_large");
        assertRefused(setAvatar(token, "image/png", Pictures.bombHeader(100_000, 100_000)), 413, "too_large");
        assertRefused(setAvatar(token, "image/png", Pictures.bombHeader(AvatarImages.MAX_SIDE + 1, 1)), 413, "too_large");
        assertRefused(setAvatar(token, "image/png", Pictures.bombHeader(6000, 6000)), 413, "too_large");

        assertEquals(kept, profile(token, name).path("avatarUrl"), "the avatar before is kept");
    }

    private static void assertRefused(ExtractableResponse<Response> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(code, response.path("code"), response.asString());
    }
}

package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Names that hide, imitate or fold into others, and bcrypt's 72 bytes, through REST and WebSocket. */
@QuarkusTest
class AccountNamesTest {

    @TestHTTPResource("/ws")
    URI ws;

    static ValidatableResponse register(String name, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/register").then();
    }

    static ValidatableResponse login(String name, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/login").then();
    }

    /** The name in fullwidth letters and digits (ASCII only). */
    static String fullwidth(String ascii) {
        return ascii.chars().map(c -> c + 0xFEE0).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private void guestIsRefused(String name, String code) {
        try (TestClient guest = TestClient.connect(ws)) {
            guest.send("login", "g", Json.object("username", name));
            guest.awaitError(code, "g");
        }
    }

    @Test
    void namesThatLookLikeARegisteredOneAreTakenForAccountsAndGuests() {
        String name = Unique.name("paula");
        register(name, "password-8").statusCode(201);
        String cyrillic = name.replace('a', '\u0430').replace('p', '\u0440');
        String greekCapitals = "\u03A1AULA" + name.substring(5).toUpperCase();
        String digits = name.replace('l', '1');
        for (String lookalike : List.of(cyrillic, greekCapitals, digits)) {
            register(lookalike, "password-9").statusCode(409).body("code", equalTo("username_taken"));
            guestIsRefused(lookalike, "username_taken");
        }
        login(name, "password-8").statusCode(200).body("username", equalTo(name));
    }

    @Test
    void aLookalikeOfAConnectedGuestsNameIsTakenAndFreeOnceTheGuestLeaves() {
        String name = Unique.name("paula");
        String cyrillic = name.replace('a', '\u0430');
        try (TestClient first = TestClient.guest(ws, name)) {
            guestIsRefused(cyrillic, "username_taken");
            register(cyrillic, "password-9").statusCode(409).body("code", equalTo("username_taken"));
        }
        try (TestClient second = TestClient.guestOnceFree(ws, cyrillic)) {
            assertEquals(cyrillic, second.await("welcome").path("payload").path("username").asText());
        }
    }

    @Test
    void capitalSharpSIsTheSameNameAsSs() {
        String suffix = Unique.name("");
        register("stra\u00DFe" + suffix, "password-8").statusCode(201);
        register("STRA\u1E9EE" + suffix, "password-9").statusCode(409).body("code", equalTo("username_taken"));
        register("strasse" + suffix, "password-9").statusCode(409);
        guestIsRefused("Stra\u1E9Ee" + suffix, "username_taken");
        login("STRA\u1E9EE" + suffix, "password-8").statusCode(200).body("username", equalTo("stra\u00DFe" + suffix));
    }

    @Test
    void fullwidthLettersAreThePlainName() {
        String name = Unique.name("wide");
        register(name, "password-8").statusCode(201);
        String fullwidth = fullwidth(name);
        register(fullwidth, "password-9").statusCode(409);
        guestIsRefused(fullwidth, "username_taken");
        login(fullwidth, "password-8").statusCode(200).body("username", equalTo(name));
    }

    @Test
    void reservedLookalikesAndInvisibleNamesAreInvalidForAccountsAndGuests() {
        String suffix = Unique.name("");
        List<String> invalid = List.of("\uFF41\uFF44\uFF4D\uFF49\uFF4E", "\uD835\uDC1A\uD835\uDC1D\uD835\uDC26\uD835\uDC22\uD835\uDC27",
                "\u0430dmin", "adm\u0130n", "SYST\u0395M", "\u3164", "\uFFA0", "a\u034F" + suffix, "a\uFE0F" + suffix,
                "a\uDB40\uDD00" + suffix, "a\u17B4" + suffix, "a\u115F" + suffix);
        for (String name : invalid) {
            register(name, "password-8").statusCode(400).body("code", equalTo("username_invalid"));
            guestIsRefused(name, "username_invalid");
        }
    }

    @Test
    void bcryptsSeventyTwoBytesAreTheMostAndNothingLogsInByPrefix() {
        String name = Unique.name("longpw");
        String seventyTwo = "p".repeat(72);
        register(name, seventyTwo).statusCode(201);
        login(name, seventyTwo + "x").statusCode(401).body("code", equalTo("auth_failed"));
        login(name, seventyTwo + seventyTwo).statusCode(401);
        login(name, seventyTwo).statusCode(200);
        String other = Unique.name("toolong");
        register(other, "p".repeat(73)).statusCode(400).body("code", equalTo("invalid_payload"))
                .body("message", containsString("72 bytes"));
        // 37 characters, 74 bytes
        register(other, "\u00E9".repeat(37)).statusCode(400).body("message", containsString("72 bytes"));
        register(other, "\u00E9".repeat(36)).statusCode(201);
    }
}

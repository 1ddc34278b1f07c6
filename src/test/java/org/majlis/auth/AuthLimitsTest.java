package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.RealLimits;
import org.majlis.testing.Unique;

/**
 * Registrations per address and password logins per account, with small buckets that do not
 * refill during the test ({@link RealLimits}); X-Forwarded-For gives each request its client address.
 */
@QuarkusTest
@TestProfile(RealLimits.class)
class AuthLimitsTest {

    static final int BURST = RealLimits.AUTH_BURST;

    private static int addresses;

    /** An address no other request of this class used. */
    private static synchronized String newAddress() {
        addresses++;
        return "10.0." + (addresses / 250) + "." + (addresses % 250 + 1);
    }

    private static ValidatableResponse post(String path, String address, String name, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("username", name, "password", password)).post(path).then();
    }

    private static void assertRateLimited(ValidatableResponse response) {
        response.statusCode(429).body("code", equalTo("rate_limited")).body("retryAfterMs", greaterThan(0));
        assertTrue(Integer.parseInt(response.extract().header("Retry-After")) > 0);
    }

    @Test
    void anAddressRegistersABurstThenGets429WhileOthersStillRegister() {
        String address = newAddress();
        for (int i = 0; i < BURST; i++) {
            post("/api/auth/register", address, Unique.name("burst"), "password-1").statusCode(201);
        }
        assertRateLimited(post("/api/auth/register", address, Unique.name("burst"), "password-1"));
        // refused before any work: a taken or invalid name gets 429 as well
        assertRateLimited(post("/api/auth/register", address, "admin", "password-1"));
        post("/api/auth/register", newAddress(), Unique.name("other"), "password-1").statusCode(201);
    }

    @Test
    void failuresFromManyAddressesSlowTheAccountButNotItsOwnerNorOtherAccounts() {
        String victim = Unique.name("victim");
        String bystander = Unique.name("bystander");
        post("/api/auth/register", newAddress(), victim, "right-password").statusCode(201);
        post("/api/auth/register", newAddress(), bystander, "right-password").statusCode(201);
        String owners = newAddress();
        post("/api/auth/login", owners, victim, "right-password").statusCode(200);

        // the owner's first login came from an address new to the account: it took one token
        for (int i = 1; i < BURST; i++) {
            post("/api/auth/login", newAddress(), victim, "guess-" + i).statusCode(401);
        }
        assertRateLimited(post("/api/auth/login", newAddress(), victim, "guess-x"));
        // even the right password, from an address the account has not logged in from
        assertRateLimited(post("/api/auth/login", newAddress(), victim.toUpperCase(), "right-password"));

        post("/api/auth/login", owners, victim, "typo").statusCode(401);
        post("/api/auth/login", owners, victim, "right-password").statusCode(200).body("username", equalTo(victim));
        post("/api/auth/login", newAddress(), bystander, "guess").statusCode(401);
        post("/api/auth/login", newAddress(), bystander, "right-password").statusCode(200);
    }
}

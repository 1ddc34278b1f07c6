package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.majlis.connections.Frame;
import org.majlis.testing.TestClient;
import org.majlis.testing.Tightened;

/** Origin on the upgrade, CORS on the REST API, the page's CSP. */
@QuarkusTest
@TestProfile(Tightened.class)
class BrowserSecurityTest {

    @TestHTTPResource("/ws")
    URI ws;

    private TestClient from(String origin) {
        return TestClient.connect(ws, new WebSocketConnectOptions().addHeader("Origin", origin));
    }

    @Test
    void aForeignOriginIsRefusedWith403() {
        AssertionError refused = assertThrows(AssertionError.class, () -> from("https://evil.example"));
        assertTrue(String.valueOf(refused.getCause()).contains("403"), String.valueOf(refused.getCause()));
    }

    @Test
    void theSameOriginAndAllowedOnesAreAccepted() {
        try (TestClient same = from("http://" + ws.getHost() + ":" + ws.getPort())) {
            same.assertAlive();
        }
        try (TestClient allowed = from(Tightened.ALLOWED_ORIGIN)) {
            allowed.assertAlive();
        }
        try (TestClient noOrigin = TestClient.connect(ws, new WebSocketConnectOptions().setAllowOriginHeader(false))) {
            noOrigin.assertAlive();
        }
    }

    @Test
    void corsAnswersOnlyAllowedOrigins() {
        given().header("Origin", Tightened.ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login").then().header("Access-Control-Allow-Origin", equalTo(Tightened.ALLOWED_ORIGIN));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void thePageForbidsInlineScript() {
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/app.js").then().statusCode(200).header("Content-Security-Policy", containsString("object-src 'none'"));
    }

    @Test
    void webSocketsMayOnlyGoToThePagesOwnOrigin() {
        // 'self' covers ws:// and wss:// of the page's own origin (CSP Level 3); a bare ws: or wss: would allow any host
        given().get("/").then().header("Content-Security-Policy", containsString("connect-src 'self';"))
                .header("Content-Security-Policy", not(containsString("ws:")));
    }

    @Test
    void qEndpointsCarryTheSecurityHeadersToo() {
        given().get("/q/health/ready").then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", equalTo("frame-ancestors 'none'"));
        given().get("/").then().header("X-Frame-Options", equalTo("DENY")).header("Referrer-Policy", equalTo("no-referrer"));
    }

    @Test
    void theWebSocketUpgradeCarriesNoDocumentHeaders() {
        // a 101 is not a document
        given().get("/ws").then().header("Content-Security-Policy", nullValue()).header("X-Frame-Options", nullValue())
                .header("Referrer-Policy", nullValue()).header("X-Content-Type-Options", nullValue());
        given().get("/ws-not").then().header("X-Frame-Options", equalTo("DENY"));
    }

    @Test
    void strictTransportSecurityIsNotSentOverPlainHttp() {
        given().get("/").then().statusCode(200).header("Strict-Transport-Security", nullValue());
    }
}

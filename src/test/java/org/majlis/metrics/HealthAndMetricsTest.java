package org.majlis.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;

@QuarkusTest
class HealthAndMetricsTest {

    @TestHTTPResource("/ws")
    URI ws;

    @TestHTTPResource(value = "/metrics", management = true)
    URI metrics;

    @Test
    void livenessAndReadinessAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusShowsConnectionsUsersFramesAndErrorsByCode() {
        try (TestClient client = TestClient.guest(ws, "metered")) {
            client.send("{\"type\":\"nonsense\"}");
            client.awaitError("unknown_type", null);
            given().get(metrics).then().statusCode(200)
                    .body(containsString("majlis_connections_open"))
                    .body(containsString("majlis_users_online"))
                    .body(containsString("majlis_frames_in_total"))
                    .body(containsString("majlis_frames_out_total"))
                    .body(containsString("majlis_errors_total{code=\"unknown_type\",node=\""));
        }
    }

    /** Where Netty's epoll library loads (the build ships the Linux x86_64 one), sockets run on it, and say so. */
    @Test
    void socketsRunOnNativeEpollOnLinuxX86() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && Set.of("amd64", "x86_64").contains(System.getProperty("os.arch")), "the build ships only the Linux x86_64 epoll library");
        given().get(metrics).then().statusCode(200)
                .body(matchesPattern("(?s).*\\nmajlis_transport_native\\{node=\"[^\"]+\"\\} 1\\.0\\n.*"));
    }

    @Test
    void metricsAndOpenApiAreNotServedOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/openapi?format=json").then().statusCode(404);
    }

    @Test
    void thePageIsServed() {
        given().get("/").then().statusCode(200).body(containsString("<html"));
    }
}

package org.majlis.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
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

    /** Each stored message counts in the store's timers (the benchmark reads their percentiles), with histogram buckets. */
    @Test
    void theMessageStoresWaysAreTimed() {
        List<String> timers = List.of("majlis_messages_store_latency", "majlis_messages_store_write", "majlis_messages_delivery_wait");
        Map<String, Double> before = counts(metricsText(), timers);
        try (TestClient client = TestClient.guest(ws, "timed")) {
            client.send("send_message", "t1", Json.object("message", "timed"));
            client.awaitAck("t1");
        }
        String text = metricsText();
        Map<String, Double> after = counts(text, timers);
        for (String timer : timers) {
            assertTrue(after.get(timer) >= before.get(timer) + 1, timer + ": " + before + " then " + after);
            assertTrue(text.contains(timer + "_seconds_bucket{"), timer + " has no buckets");
        }
    }

    private String metricsText() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }

    private static Map<String, Double> counts(String text, List<String> timers) {
        Map<String, Double> counts = new HashMap<>();
        for (String timer : timers) {
            Matcher count = Pattern.compile("(?m)^" + timer + "_seconds_count\\{[^}]*\\} (\\S+)$").matcher(text);
            counts.put(timer, count.find() ? Double.parseDouble(count.group(1)) : 0);
        }
        return counts;
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

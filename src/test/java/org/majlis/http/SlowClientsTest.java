package org.majlis.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.majlis.testing.SlowRequest;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * Slowloris: silent connections, bodies sent a byte at a time, and many requests held open from one
 * address. A silent WebSocket is not one of them.
 */
@QuarkusTest
@TestProfile(SlowClientsTest.ShortTimeouts.class)
class SlowClientsTest {

    static final int IDLE_MS = 2000;
    static final int BODY_MS = 6000;
    static final int IN_FLIGHT = 3;

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", IDLE_MS + "ms", "majlis.http.body-timeout", BODY_MS + "ms",
                    "majlis.http.requests-per-address", Integer.toString(IN_FLIGHT));
        }
    }

    @TestHTTPResource("/")
    URI base;

    @TestHTTPResource("/ws")
    URI ws;

    private static final String PARTIAL_POST = "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{\"username\":";

    @Test
    void aRequestWhoseHeadersNeverEndIsClosedAfterTheIdleTimeout() throws IOException {
        try (SlowRequest request = new SlowRequest(base).send("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")) {
            long start = System.currentTimeMillis();
            assertTrue(request.closedWithin(IDLE_MS + 8000), "the server closes a silent connection");
            assertTrue(System.currentTimeMillis() - start >= IDLE_MS - 500, "not before the idle timeout");
        }
    }

    @Test
    void aBodySentAByteAtATimeIsClosedAfterTheBodyTimeout() throws IOException {
        try (SlowRequest request = new SlowRequest(base).send(PARTIAL_POST)) {
            long start = System.currentTimeMillis();
            boolean closed = false;
            // a byte every 500 ms keeps the idle timeout away; only the body deadline ends this
            while (!closed && System.currentTimeMillis() - start < BODY_MS + 10_000) {
                try {
                    request.send(" ");
                } catch (IOException gone) {
                    closed = true;
                    break;
                }
                closed = request.closedWithin(500);
            }
            assertTrue(closed, "the server closes a request whose body never ends");
            assertTrue(System.currentTimeMillis() - start >= BODY_MS - 1000, "by the body timeout, not before");
        }
    }

    @Test
    void requestsInFlightAreCappedPerAddressButWebSocketsAreNot() throws Exception {
        List<SlowRequest> held = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < IN_FLIGHT; i++) {
                held.add(new SlowRequest(base).send(PARTIAL_POST));
            }
            trickle.scheduleAtFixedRate(() -> held.forEach(request -> {
                try {
                    request.send(" ");
                } catch (IOException ignored) {
                    // closed by the test
                }
            }), 500, 500, TimeUnit.MILLISECONDS);
            awaitStatus(429);
            given().get("/q/health/live").then().statusCode(429).header("Retry-After", equalTo("1"))
                    .body("code", equalTo("rate_limited"));
            try (TestClient chat = TestClient.guest(ws, Unique.name("inflight"))) {
                chat.assertAlive();
            }
            held.remove(0).close();
            awaitStatus(200);
        } finally {
            trickle.shutdownNow();
            for (SlowRequest request : held) {
                request.close();
            }
        }
    }

    @Test
    void aSilentWebSocketOutlivesTheHttpIdleTimeout() throws InterruptedException {
        // the reaper's pings (every 30 s) and dead-client timeout (75 s) watch an open WebSocket, not the idle timeout
        try (TestClient chat = TestClient.guest(ws, Unique.name("quiet"))) {
            Thread.sleep(IDLE_MS + 1500);
            chat.assertAlive();
        }
    }

    /** Asks until the health endpoint answers the status: the server counts a request when its headers arrive. */
    private static void awaitStatus(int status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 4000;
        int last = -1;
        while (System.currentTimeMillis() < deadline) {
            last = given().get("/q/health/live").statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(20);
        }
        fail("expected " + status + ", the last answer was " + last);
    }
}

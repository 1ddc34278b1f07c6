package org.majlis.limits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.RawSocketClient;
import org.majlis.testing.RealLimits;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * Each limit is hit and recovered from, with the protocol's message defaults and small login and
 * connection limits ({@link RealLimits}). The login test comes from an address of its own
 * (X-Forwarded-For), so that the bucket it empties is no other test's, and names a new account
 * each time, so that only the address's bucket applies. The arithmetic of the
 * buckets is {@link TokenBucketLimiterTest}'s, on a fake clock; here only what a client sees.
 */
@QuarkusTest
@TestProfile(RealLimits.class)
class LimitsTest {

    /** The login test's client address; the other tests come from the loopback address. */
    private static final String LOGIN_TEST_ADDRESS = "198.51.100.7";

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aFlooderIsLimitedAndThenClosedWhileOthersAreUnaffected() throws InterruptedException {
        try (TestClient flooder = TestClient.guest(ws, "flooder"); TestClient calm = TestClient.guest(ws, "calm")) {
            for (int i = 0; i < 30; i++) {
                flooder.send("send_message", "f" + i, Json.object("message", "flood " + i));
            }
            int acked = 0;
            int limited = 0;
            for (int i = 0; i < 30; i++) {
                JsonNode answer = flooder.await("ack", a -> true, "error");
                if (answer.path("type").asText().equals("ack")) {
                    acked++;
                } else {
                    assertEquals("rate_limited", answer.path("payload").path("code").asText());
                    assertTrue(answer.path("payload").path("retryAfterMs").asLong() > 0, answer::toString);
                    limited++;
                }
            }
            assertTrue(acked >= 20 && acked <= 22 && limited >= 8, "acked " + acked + ", limited " + limited);

            calm.send("send_message", "c", Json.object("message", "still fine"));
            calm.awaitAck("c");

            // the limit recovers: a flooder that waits as long as it is told gets through
            JsonNode later = sendMessage(flooder, "later");
            if (later.path("type").asText().equals("error")) {
                assertEquals("rate_limited", later.path("payload").path("code").asText());
                Thread.sleep(later.path("payload").path("retryAfterMs").asLong());
                later = sendMessage(flooder, "later again");
            }
            assertEquals("ack", later.path("type").asText(), later::toString);

            for (int i = 0; i < 200 && !flooder.isClosed(); i++) {
                flooder.send("send_message", null, Json.object("message", "abuse " + i));
            }
            assertEquals(1008, flooder.awaitClose());
            calm.assertAlive();
        }
    }

    /** The ack or the error answering a message the client sends now. */
    private static JsonNode sendMessage(TestClient client, String ref) {
        client.send("send_message", ref, Json.object("message", ref));
        return client.await("ack", ack -> ref.equals(ack.path("payload").path("ref").asText()), "error");
    }

    @Test
    void loginsPerAddressAreLimitedOverWebSocketAndRestAndRecover() throws InterruptedException {
        try (TestClient client = TestClient.connect(ws, new WebSocketConnectOptions().addHeader("X-Forwarded-For", LOGIN_TEST_ADDRESS))) {
            int limited = 0;
            for (int i = 0; i < 20; i++) {
                // invalid names: refused after the limit is checked, so nobody logs in
                client.send("login", "l" + i, Json.object("username", "_invalid" + i));
                JsonNode error = client.await("error").path("payload");
                if ("rate_limited".equals(error.path("code").asText())) {
                    assertTrue(error.path("retryAfterMs").asLong() > 0, error::toString);
                    limited++;
                } else {
                    assertEquals("username_invalid", error.path("code").asText());
                }
            }
            assertTrue(limited >= 7, "limited " + limited);
        }
        // the bucket is the address' own: the other tests' address still logs in
        try (TestClient other = TestClient.guest(ws, Unique.name("other"))) {
            other.assertAlive();
        }
        // the WebSocket and REST share the address' bucket; at 2 per second, attempts at once empty it again
        // (at once: one after the other, each slow bcrypt on a busy machine would leave time to refill)
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<io.restassured.response.ExtractableResponse<Response>>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(threads.submit(() -> login().then().extract()));
            }
            for (var attempt : attempts) {
                var response = attempt.get(30, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    assertTrue(Integer.parseInt(response.header("Retry-After")) >= 1);
                }
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            threads.shutdownNow();
        }
        assertTrue(statuses.contains(429), "REST logins: " + statuses);
        // the limit recovers: an attempt after the wait the server asks for is let through (and fails on the password)
        Response later = login();
        if (later.statusCode() == 429) {
            Thread.sleep(later.jsonPath().getLong("retryAfterMs"));
            later = login();
        }
        later.then().statusCode(401);
    }

    @Test
    void reconnectsWithASessionTokenAreNotHeldBackByTheAddressLoginLimit() {
        WebSocketConnectOptions office = new WebSocketConnectOptions().addHeader("X-Forwarded-For", "198.51.100.99");
        String token;
        try (TestClient first = TestClient.connect(ws, office)) {
            first.send("login", "l0", Json.object("username", Unique.name("office")));
            token = first.awaitAnswer("l0").path("payload").path("token").asText();
        }
        // more than the address's burst of 12, at once: a restart sends a whole office back together
        for (int i = 0; i < 20; i++) {
            try (TestClient back = TestClient.connect(ws, office)) {
                back.send("login", "t" + i, Json.object("token", token));
                assertEquals("welcome", back.awaitAnswer("t" + i).path("type").asText(), "reconnect " + i);
            }
        }
        // a refused token counts as an attempt, so tokens are no way around the limit
        try (TestClient guesser = TestClient.connect(ws, office)) {
            String code = "";
            for (int i = 0; i < 20 && !code.equals("rate_limited"); i++) {
                guesser.send("login", "g" + i, Json.object("token", "not-a-token"));
                code = guesser.awaitAnswer("g" + i).path("payload").path("code").asText();
            }
            assertEquals("rate_limited", code);
        }
    }

    private static Response login() {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", LOGIN_TEST_ADDRESS)
                .body(Map.of("username", Unique.name("nobody"), "password", "whatever1")).post("/api/auth/login");
    }

    @Test
    void connectionsPerAddressAreLimited() {
        List<TestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                TestClient client = TestClient.connect(ws);
                client.assertAlive(); // the server has counted it once it answers
                open.add(client);
            }
            AssertionError refused = null;
            try {
                open.add(TestClient.connect(ws));
            } catch (AssertionError e) {
                refused = e;
            }
            assertTrue(refused != null && String.valueOf(refused.getCause()).contains("429"), "the 13th connection was not refused");
            open.remove(0).close();
            long deadline = System.currentTimeMillis() + 5000;
            while (true) {
                try {
                    open.add(TestClient.connect(ws));
                    break;
                } catch (AssertionError stillFull) {
                    assertTrue(System.currentTimeMillis() < deadline, "a freed slot was not reusable");
                }
            }
        } finally {
            open.forEach(TestClient::close);
        }
    }

    @Test
    void aBurstOfUpgradesAtOnceCannotOvershootTheConnectionLimit() throws Exception {
        int attempts = 40;
        ExecutorService threads = Executors.newFixedThreadPool(attempts);
        List<RawSocketClient> open = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> tries = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                tries.add(threads.submit(() -> {
                    start.await();
                    try {
                        open.add(new RawSocketClient(ws, 65536));
                    } catch (java.io.IOException refused) {
                        assertTrue(refused.getMessage().contains("429"), refused.getMessage());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> attempt : tries) {
                attempt.get(30, TimeUnit.SECONDS);
            }
            assertTrue(open.size() <= 12 && open.size() >= 1, open.size() + " connections were let in, the limit is 12");
        } finally {
            threads.shutdownNow();
            for (RawSocketClient client : open) {
                client.close();
            }
        }
    }
}

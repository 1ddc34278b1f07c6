package org.majlis.integrations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.majlis.integrations.Integrations.as;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** A room's messages POSTed, signed, to its outgoing URL: a receiver on 127.0.0.1 checks them, and fails once to see the retry. */
@QuarkusTest
class OutgoingEventsTest {

    /** A request the receiver got. */
    record Received(String signature, String delivery, String attempt, String timestamp, byte[] body) {
    }

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    Vertx vertx;

    private HttpServer receiver;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** How many requests the receiver answers with 500 before it answers 204. */
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204; // before the test hears of the request
            received.add(new Received(request.getHeader("X-Majlis-Signature"), request.getHeader("X-Majlis-Delivery"),
                    request.getHeader("X-Majlis-Attempt"), request.getHeader("X-Majlis-Timestamp"), body.getBytes()));
            request.response().setStatusCode(status).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopReceiver() throws Exception {
        receiver.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String receiverUrl() {
        return "http://127.0.0.1:" + receiver.actualPort() + "/majlis-events";
    }

    private Received next() throws InterruptedException {
        Received request = received.poll(15, TimeUnit.SECONDS);
        assertNotNull(request, "the receiver got no request");
        return request;
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void eachMessageIsPostedSignedAndRetriedAfterAFailure() throws Exception {
        String room = Unique.name("out");
        String token = Accounts.newAccount(Unique.name("own"));
        try (TestClient owner = Integrations.ownerOf(ws, token, room)) {
            String secret = as(token).body(Map.of("url", receiverUrl())).put("/api/rooms/{room}/outgoing", room).then().statusCode(200)
                    .body("url", equalTo(receiverUrl())).body("room", equalTo(room)).extract().path("secret");
            as(token).get("/api/rooms/{room}/outgoing", room).then().statusCode(200).body("url", equalTo(receiverUrl()))
                    .body("secret", equalTo(null));

            owner.send("send_message", "m1", Json.object("room", room, "message", "to the outside"));
            String id = owner.awaitAck("m1").path("payload").path("messageId").asText();
            Received first = next();
            assertEquals("sha256=" + hmac(secret, first.body()), first.signature());
            JsonNode frame = TestClient.JSON.readTree(first.body());
            assertEquals("new_message", frame.path("type").asText());
            assertEquals("to the outside", frame.path("payload").path("message").asText());
            assertEquals(room, frame.path("payload").path("room").asText());
            assertEquals(id, frame.path("payload").path("id").asText());
            assertEquals(id, first.delivery());
            assertEquals("1", first.attempt());
            assertTrue(Math.abs(Long.parseLong(first.timestamp()) - System.currentTimeMillis() / 1000) < 60);

            // the receiver fails once: the same signed body comes again
            failuresLeft.set(1);
            owner.send("send_message", "m2", Json.object("room", room, "message", "try again"));
            owner.awaitAck("m2");
            Received failed = next();
            Received retried = next();
            assertEquals("1", failed.attempt());
            assertEquals("2", retried.attempt());
            assertArrayEquals(failed.body(), retried.body());
            assertEquals("sha256=" + hmac(secret, retried.body()), retried.signature());
            assertEquals("try again", TestClient.JSON.readTree(retried.body()).path("payload").path("message").asText());

            // a webhook's message goes out too, with its bot mark
            String path = Integrations.createWebhook(token, room, "relay").statusCode(201).extract().path("path");
            Integrations.postTo(path, "{\"text\":\"from a hook\"}").statusCode(200);
            JsonNode hooked = TestClient.JSON.readTree(next().body()).path("payload");
            assertEquals("from a hook", hooked.path("message").asText());
            assertTrue(hooked.path("bot").asBoolean());

            // removed: nothing more goes out
            as(token).delete("/api/rooms/{room}/outgoing", room).then().statusCode(204);
            owner.send("send_message", "m3", Json.object("room", room, "message", "not sent out"));
            owner.awaitAck("m3");
            assertNull(received.poll(500, TimeUnit.MILLISECONDS));
            as(token).delete("/api/rooms/{room}/outgoing", room).then().statusCode(404).body("code", equalTo("not_found"));
            as(token).get("/api/rooms/{room}/outgoing", room).then().statusCode(404);
        }
    }

    @Test
    void onlyTheOwnerSetsAnOutgoingUrlAndOnlyAnHttpOne() {
        String room = Unique.name("out");
        String token = Accounts.newAccount(Unique.name("own"));
        String other = Accounts.newAccount(Unique.name("oth"));
        try (TestClient owner = Integrations.ownerOf(ws, token, room); TestClient guest = TestClient.guest(ws, Unique.name("gst"))) {
            as(other).body(Map.of("url", receiverUrl())).put("/api/rooms/{room}/outgoing", room).then().statusCode(403)
                    .body("code", equalTo("forbidden"));
            as(guest.welcome().path("token").asText()).body(Map.of("url", receiverUrl())).put("/api/rooms/{room}/outgoing", room)
                    .then().statusCode(403);
            given().contentType(ContentType.JSON).body(Map.of("url", receiverUrl())).put("/api/rooms/{room}/outgoing", room).then()
                    .statusCode(401);
            as(other).delete("/api/rooms/{room}/outgoing", room).then().statusCode(403);
            for (String url : new String[] {"ftp://127.0.0.1/x", "not a url", "http://user:pw@127.0.0.1/", "/relative"}) {
                as(token).body(Map.of("url", url)).put("/api/rooms/{room}/outgoing", room).then().statusCode(400)
                        .body("code", equalTo("invalid_payload"));
            }
            as(token).body("{}").put("/api/rooms/{room}/outgoing", room).then().statusCode(400).body("message", equalTo("url is required"));
            as(token).body("{\"url\":").put("/api/rooms/{room}/outgoing", room).then().statusCode(400);
            as(token).get("/api/rooms/{room}/outgoing", room).then().statusCode(404);
        }
    }
}

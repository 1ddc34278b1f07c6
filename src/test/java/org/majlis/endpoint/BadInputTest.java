package org.majlis.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.majlis.testing.RawSocketClient;
import org.majlis.testing.TestClient;

/** Every kind of bad frame gets its error and the connection stays open. */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/ws")
    URI ws;

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\":", "[1,2]", "\"login\"", "42", "null", "{}", "{\"type\":7}",
            "{\"type\":null}", "{\"type\":{\"a\":1}}", "{\"type\":\"ping\"} trailing", "{\"type\":\"ping\",\"id\":5}"})
    void framesThatAreNotEventsAreBadRequests(String frame) {
        try (TestClient client = TestClient.connect(ws)) {
            client.send(frame);
            client.awaitError("bad_request", null);
            client.assertAlive();
        }
    }

    @Test
    void anIdLongerThan64CharactersIsABadRequest() {
        try (TestClient client = TestClient.connect(ws)) {
            client.send("{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}");
            client.awaitError("bad_request", null);
            client.send("{\"type\":\"nope\",\"id\":\"" + "i".repeat(64) + "\"}");
            client.awaitError("unknown_type", "i".repeat(64));
        }
    }

    @Test
    void anUnknownTypeIsAnsweredWithItsRef() {
        try (TestClient client = TestClient.connect(ws)) {
            client.send("{\"type\":\"teleport\",\"id\":\"t1\",\"payload\":{}}");
            client.awaitError("unknown_type", "t1");
            client.assertAlive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"login\",\"id\":\"r\",\"payload\":{\"username\":42}}",
            "{\"type\":\"login\",\"id\":\"r\",\"payload\":{\"username\":[\"a\"]}}",
            "{\"type\":\"login\",\"id\":\"r\",\"payload\":\"ahmed\"}",
            "{\"type\":\"login\",\"id\":\"r\",\"payload\":[]}",
            "{\"type\":\"login\",\"id\":\"r\",\"payload\":{\"username\":true}}",
            "{\"type\":\"login\",\"id\":\"r\"}",
            "{\"type\":\"login\",\"id\":\"r\",\"payload\":{}}"})
    void wrongFieldTypesAreInvalidPayloads(String frame) {
        try (TestClient client = TestClient.connect(ws)) {
            client.send(frame);
            client.awaitError("invalid_payload", "r");
            client.assertAlive();
        }
    }

    @Test
    void wrongTypesInMessagesAreInvalidPayloadsAfterLogin() {
        try (TestClient client = TestClient.guest(ws, "typer" + System.nanoTime() % 100000)) {
            for (String payload : new String[] {"{\"message\":123}", "{\"message\":\"hi\",\"room\":5}",
                    "{\"message\":\"hi\",\"attachments\":\"f\"}", "{\"message\":{\"x\":1}}", "{\"message\":\"hi\",\"to\":false}"}) {
                client.send("{\"type\":\"send_message\",\"id\":\"w\",\"payload\":" + payload + "}");
                client.awaitError("invalid_payload", "w");
            }
            client.send("{\"type\":\"status\",\"id\":\"s\",\"payload\":{\"status\":\"sleeping\"}}");
            client.awaitError("invalid_payload", "s");
            client.assertAlive();
        }
    }

    @Test
    void everythingButLoginAndPingNeedsALogin() {
        try (TestClient client = TestClient.connect(ws)) {
            client.send("{\"type\":\"send_message\",\"id\":\"n1\",\"payload\":{\"message\":\"hi\"}}");
            client.awaitError("not_logged_in", "n1");
            client.send("{\"type\":\"private_message\",\"id\":\"n2\",\"payload\":{\"message\":\"hi\",\"to\":\"x\"}}");
            client.awaitError("not_logged_in", "n2");
            client.send("{\"type\":\"users\",\"id\":\"n3\"}");
            client.awaitError("not_logged_in", "n3");
            client.send("{\"type\":\"status\",\"id\":\"n4\",\"payload\":{\"status\":\"away\"}}");
            client.awaitError("not_logged_in", "n4");
            client.send("{\"type\":\"ping\"}");
            assertEquals("{\"type\":\"pong\"}", client.await("pong").toString());
        }
    }

    @Test
    void aSecondLoginOnTheSameConnectionIsRefused() {
        String name = "twice" + System.nanoTime() % 100000;
        try (TestClient client = TestClient.guest(ws, name)) {
            client.send("{\"type\":\"login\",\"id\":\"l2\",\"payload\":{\"username\":\"other" + name + "\"}}");
            client.awaitError("already_logged_in", "l2");
            client.assertAlive();
        }
    }

    @Test
    void binaryFramesAreBadRequests() {
        try (TestClient client = TestClient.connect(ws)) {
            client.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            client.awaitError("bad_request", null);
            client.assertAlive();
        }
    }

    @Test
    void aFrameOver64KiBClosesWith1009() throws Exception {
        try (RawSocketClient client = new RawSocketClient(ws, 65536)) {
            try {
                client.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            } catch (java.io.IOException closedWhileWriting) {
                // the server may close as soon as it has read the frame's length
            }
            assertEquals(1009, client.readUntilClose());
        }
        try (TestClient client = TestClient.connect(ws)) {
            client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(60 * 1024) + "\"}");
            client.await("pong");
            assertTrue(!client.isClosed());
        }
    }
}

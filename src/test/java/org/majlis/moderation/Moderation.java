package org.majlis.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Requests of the moderation tests: each one answered, acknowledged or refused with a code. */
final class Moderation {

    private Moderation() {
    }

    /** Sends the request and returns its answer, asserting it is an {@code ack}. */
    static JsonNode ok(TestClient client, String type, Object... payload) {
        JsonNode answer = answer(client, type, payload);
        assertEquals("ack", answer.path("type").asText(), () -> type + " was answered " + answer);
        return answer;
    }

    /** Sends the request and asserts it is refused with the code. */
    static JsonNode refused(String code, TestClient client, String type, Object... payload) {
        JsonNode answer = answer(client, type, payload);
        assertEquals(code, answer.path("payload").path("code").asText(), () -> type + " was answered " + answer);
        return answer;
    }

    /** Sends a request answered by a reply of its own (history, rooms) and returns the reply. */
    static JsonNode reply(TestClient client, String type, Object... payload) {
        JsonNode answer = answer(client, type, payload);
        assertEquals(type, answer.path("type").asText(), () -> type + " was answered " + answer);
        return answer.path("payload");
    }

    private static JsonNode answer(TestClient client, String type, Object... payload) {
        String id = Unique.name(type);
        client.send(type, id, Json.object(payload));
        return client.awaitAnswer(id);
    }

    /** Sends a message to the room and returns its id. */
    static String post(TestClient client, String room, String text) {
        return ok(client, "send_message", "room", room, "message", text).path("payload").path("messageId").asText();
    }
}

package org.majlis.integrations;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.Map;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;

/** What the integrations' tests share: REST requests with a bearer token, and a room owned by an account. */
final class Integrations {

    private Integrations() {
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Logs the account in over the WebSocket and creates a public room it owns. */
    static TestClient ownerOf(URI ws, String token, String room) {
        TestClient client = TestClient.withToken(ws, token);
        client.await("welcome");
        client.send("create_room", "c1", Json.object("room", room));
        client.await("room", e -> room.equals(e.path("payload").path("room").asText()));
        return client;
    }

    static void join(TestClient client, String room) {
        client.send("join_room", "j-" + room, Json.object("room", room));
        client.await("room", e -> room.equals(e.path("payload").path("room").asText()));
    }

    static ValidatableResponse createWebhook(String token, String room, String name) {
        return as(token).body(Map.of("name", name)).post("/api/rooms/{room}/webhooks", room).then();
    }

    /** POSTs the JSON body to a webhook's path. */
    static ValidatableResponse postTo(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    static JsonNode messageFrom(TestClient client, String room, String from) {
        return client.await("new_message", e -> room.equals(e.path("payload").path("room").asText())
                && from.equals(e.path("payload").path("from").asText())).path("payload");
    }
}

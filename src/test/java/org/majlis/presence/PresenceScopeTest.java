package org.majlis.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Tightened;
import org.majlis.testing.Unique;

/**
 * Presence by interest: above the threshold ({@link Tightened#PRESENCE_THRESHOLD} online here), a
 * change reaches only the connections that show that user; below 80 % of it, everyone again.
 */
@QuarkusTest
@TestProfile(Tightened.class)
class PresenceScopeTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aboveTheThresholdPresenceGoesByInterestAndBelowItToEveryoneAgain() {
        String prefix = "scope" + Unique.name("").substring(0, 4);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(prefix + i);
        }
        List<TestClient> clients = new ArrayList<>();
        try (TestClient first = TestClient.connect(ws)) {
            first.send("login", "l", Json.object("username", names.get(0)));
            JsonNode welcome = first.awaitAnswer("l").path("payload");
            assertEquals("all", welcome.path("presence").asText(), "alone (or nearly): everyone hears of everyone");
            for (int i = 1; i < names.size(); i++) {
                clients.add(TestClient.guest(ws, names.get(i)));
            }
            JsonNode switched = first.await("presence", p -> p.path("payload").has("scope")).path("payload");
            assertEquals("subscribed", switched.path("scope").asText());
            assertTrue(switched.path("online").asInt() > Tightened.PRESENCE_THRESHOLD, switched::toString);
            assertEquals(0, switched.path("changes").size());

            // a newcomer above the threshold: told the scope and the count, and no list of strangers
            TestClient last = clients.getLast();
            last.send("status", "s0", Json.object("status", "online")); // a fence: the welcome came before its ack
            last.awaitAck("s0");
            try (TestClient late = TestClient.guest(ws, "late" + prefix)) {
                JsonNode lateWelcome = late.welcome();
                assertEquals("subscribed", lateWelcome.path("presence").asText());
                assertEquals(0, lateWelcome.path("users").size(), lateWelcome::toString);
                assertTrue(lateWelcome.path("online").asInt() >= 6, lateWelcome::toString);
            }

            // paged users by name prefix
            first.send("users", "u1", Json.object("prefix", prefix.toUpperCase(), "limit", 2));
            JsonNode page = first.awaitAnswer("u1").path("payload");
            assertEquals(List.of(names.get(0), names.get(1)), usernames(page.path("users")));
            first.send("users", "u2", Json.object("prefix", prefix, "after", page.path("next").asText(), "limit", 10));
            JsonNode rest = first.awaitAnswer("u2").path("payload");
            assertEquals(names.subList(2, 5), usernames(rest.path("users")));
            assertFalse(rest.has("next"), rest::toString);

            // subscribed to one: its changes come, another's do not
            TestClient watcher = clients.get(3);
            watcher.send("presence_subscribe", "p1", Json.object("users", List.of(names.get(0), "nobody" + prefix)));
            JsonNode statuses = watcher.awaitAnswer("p1").path("payload");
            assertEquals("online", statuses.path("changes").get(0).path("status").asText());
            assertEquals("offline", statuses.path("changes").get(1).path("status").asText());
            watcher.drain("presence");
            clients.get(0).send("status", "s1", Json.object("status", "busy")); // names[1], not watched
            clients.get(0).awaitAck("s1");
            first.send("status", "s2", Json.object("status", "away")); // names[0], watched
            first.awaitAck("s2");
            List<JsonNode> heard = new ArrayList<>(List.of(watcher.await("presence", p -> Json.presenceOf(p, names.get(0), "away"))));
            heard.addAll(watcher.drain("presence"));
            assertTrue(heard.stream().noneMatch(p -> p.toString().contains(names.get(1))),
                    () -> "a change of a user the connection does not show is not sent to it: " + heard);

            // a direct message makes the two partners: each hears of the other's changes
            watcher.send("private_message", "dm", Json.object("to", names.get(2), "message", "hi"));
            watcher.awaitAck("dm");
            clients.get(1).send("status", "s3", Json.object("status", "busy"));
            watcher.await("presence", p -> Json.presenceOf(p, names.get(2), "busy"));

            // back under 80 % of the threshold: everyone again, with the whole list
            Collections.reverse(clients);
            clients.forEach(TestClient::close);
            JsonNode back = first.await("presence", p -> "all".equals(p.path("payload").path("scope").asText())).path("payload");
            assertTrue(back.path("online").asInt() <= Tightened.PRESENCE_THRESHOLD * 4 / 5, back::toString);
            assertTrue(usernames(back.path("changes")).contains(names.get(0)), back::toString);
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void aSubscriptionHasAMaximumAndNeedsAList() {
        try (TestClient client = TestClient.guest(ws, Unique.name("many"))) {
            List<String> many = new ArrayList<>();
            for (int i = 0; i <= 500; i++) {
                many.add("user" + i);
            }
            client.send("presence_subscribe", "big", Json.object("users", many));
            client.awaitError("invalid_payload", "big");
            client.send("presence_subscribe", "none", Json.object());
            client.awaitError("invalid_payload", "none");
            client.send("users", "zero", Json.object("limit", 0));
            client.awaitError("invalid_payload", "zero");
        }
    }

    private static List<String> usernames(JsonNode users) {
        List<String> names = new ArrayList<>();
        users.forEach(user -> names.add(user.path("username").asText()));
        return names;
    }
}

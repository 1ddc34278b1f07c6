package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** History pages and catching up after a reconnect, on the embedded database (and on PostgreSQL in a subclass). */
@QuarkusTest
class HistoryTest {

    @TestHTTPResource("/ws")
    URI ws;


    /** Sends messages with ids and returns their acks' seqs, in order. */
    static List<Long> sendAll(TestClient client, String prefix, int count, String to) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = to == null ? "send_message" : "private_message";
            client.send(type, prefix + i, to == null ? Json.object("message", prefix + " " + i) : Json.object("message", prefix + " " + i, "to", to));
            String ref = prefix + i;
            seqs.add(client.await("ack", a -> ref.equals(a.path("payload").path("ref").asText())).path("payload").path("seq").asLong());
        }
        return seqs;
    }

    static JsonNode history(TestClient client, String ref, Object... payload) {
        client.send("history", ref, Json.object(payload));
        return client.await("history", h -> ref.equals(h.path("payload").path("ref").asText())).path("payload");
    }

    static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.path("messages").forEach(m -> seqs.add(m.path("seq").asLong()));
        return seqs;
    }

    @Test
    void pagesGoBackwardsAndForwardsWithHasMore() {
        try (TestClient a = TestClient.guest(ws, Unique.name("pager"))) {
            List<Long> sent = sendAll(a, Unique.name("page"), 12, null);
            long last = sent.get(sent.size() - 1);

            JsonNode newest = history(a, "h1", "room", "general", "limit", 5);
            assertEquals(List.of(last - 4, last - 3, last - 2, last - 1, last), seqs(newest));
            assertTrue(newest.path("hasMore").asBoolean());
            assertEquals("general", newest.path("room").asText());
            JsonNode first = newest.path("messages").get(0);
            assertTrue(first.has("id") && first.has("from") && first.has("message") && first.has("timestamp") && first.has("sent"));

            JsonNode before = history(a, "h2", "before", last - 4, "limit", 3);
            assertEquals(List.of(last - 7, last - 6, last - 5), seqs(before));

            JsonNode after = history(a, "h3", "after", last - 3, "limit", 200);
            assertEquals(List.of(last - 2, last - 1, last), seqs(after));
            assertFalse(after.path("hasMore").asBoolean());

            JsonNode window = history(a, "h4", "after", last - 10, "limit", 2);
            assertEquals(List.of(last - 9, last - 8), seqs(window));
            assertTrue(window.path("hasMore").asBoolean());
        }
    }

    @Test
    void badHistoryRequestsAreRefused() {
        try (TestClient a = TestClient.guest(ws, Unique.name("badhist"))) {
            for (Object[] payload : new Object[][] {{"limit", 0}, {"limit", 201}, {"before", -1}, {"room", "general", "to", "x"},
                    {"room", "nowhere"}, {"limit", "ten"}}) {
                a.send("history", "b", Json.object(payload));
                JsonNode error = a.await("error").path("payload");
                assertTrue(List.of("invalid_payload", "room_not_found").contains(error.path("code").asText()), error::toString);
                assertEquals("b", error.path("ref").asText());
            }
        }
    }

    @Test
    void aReconnectingClientCatchesUpOnEverythingItMissedExactlyOnce() {
        String name = Unique.name("sleeper");
        String friend = Unique.name("friend");
        long lastSeen;
        String token;
        try (TestClient f = TestClient.guest(ws, friend); TestClient s = TestClient.guest(ws, name)) {
            token = s.welcome().path("token").asText();
            List<Long> before = sendAll(f, Unique.name("seen"), 3, null);
            sendAll(f, Unique.name("dm-seen"), 2, name);
            lastSeen = before.get(before.size() - 1);
            s.await("new_message", m -> m.path("payload").path("seq").asLong() == before.get(2)
                    && "general".equals(m.path("payload").path("room").asText()));
        }
        List<Long> missed;
        String prefix = Unique.name("missed");
        try (TestClient f = TestClient.guest(ws, Unique.name("other"))) {
            missed = sendAll(f, prefix, 7, null);
        }
        try (TestClient back = TestClient.withToken(ws, token)) { // the same guest: its session token
            JsonNode welcome = back.await("welcome").path("payload");
            long lastSeq = welcome.path("rooms").get(0).path("lastSeq").asLong();
            assertTrue(lastSeq >= missed.get(missed.size() - 1), welcome::toString);
            JsonNode direct = welcome.path("directs");
            assertTrue(direct.toString().contains(friend), "earlier direct conversation listed: " + direct);

            List<JsonNode> caughtUp = new ArrayList<>();
            long cursor = lastSeen;
            boolean more = true;
            while (more) {
                JsonNode page = history(back, "c" + cursor, "after", cursor, "limit", 3);
                page.path("messages").forEach(caughtUp::add);
                more = page.path("hasMore").asBoolean();
                cursor = caughtUp.isEmpty() ? cursor : caughtUp.get(caughtUp.size() - 1).path("seq").asLong();
            }
            List<Long> caughtSeqs = caughtUp.stream().map(m -> m.path("seq").asLong()).toList();
            for (int i = 1; i < caughtSeqs.size(); i++) {
                assertTrue(caughtSeqs.get(i) > caughtSeqs.get(i - 1), "ascending, no duplicates: " + caughtSeqs);
            }
            List<String> texts = caughtUp.stream().map(m -> m.path("message").asText()).filter(t -> t.startsWith(prefix)).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                expected.add(prefix + " " + i);
            }
            assertEquals(expected, texts, "every missed message exactly once, in order");
            assertTrue(caughtSeqs.containsAll(missed));

            JsonNode dms = history(back, "dm", "to", friend);
            assertEquals(2, dms.path("messages").size(), dms::toString);
            assertEquals(friend, dms.path("to").asText());
            assertEquals(name, dms.path("messages").get(0).path("to").asText());
        }
    }
}

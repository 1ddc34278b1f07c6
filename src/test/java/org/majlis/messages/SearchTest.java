package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * The {@code search} request between real clients: who finds what, Arabic and Latin folding,
 * phrases, paging, edits and deletes. Each test searches words of its own (the database outlives
 * a run), or narrows to a sender of its own. A search finds every message acknowledged before it
 * ({@link #eachMessageIsFoundByTheSearchSentRightAfterItsAck}); other tests still search until
 * they find ({@link #found}), as a start that rebuilds the index must, and check what should not
 * be found after that.
 */
@QuarkusTest
class SearchTest {

    @TestHTTPResource("/ws")
    URI ws;

    static JsonNode search(TestClient client, String ref, Object... payload) {
        client.send("search", ref, Json.object(payload));
        return client.awaitAnswer(ref).path("payload");
    }

    /** Asserts that the search finds the texts, searching again while it does not yet (for up to 5 s). */
    static void assertFound(List<String> expected, TestClient client, Object... payload) {
        assertEquals(expected, found(client, expected, payload));
    }

    /** As {@link #assertFound}, in any order (sorted on both sides). */
    static void assertFoundInAnyOrder(List<String> expected, TestClient client, Object... payload) {
        List<String> sorted = expected.stream().sorted().toList();
        assertEquals(sorted, found(client, sorted, texts -> texts.stream().sorted().toList(), payload));
    }

    /** Searches again until the texts found are the expected ones (or 5 s have passed), and returns them. */
    static List<String> found(TestClient client, List<String> expected, Object... payload) {
        return found(client, expected, UnaryOperator.identity(), payload);
    }

    private static List<String> found(TestClient client, List<String> expected, UnaryOperator<List<String>> view, Object... payload) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> texts;
        do {
            texts = view.apply(texts(search(client, Unique.name("f"), payload)));
        } while (!texts.equals(expected) && System.nanoTime() < deadline && pause());
        return texts;
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static List<String> texts(JsonNode results) {
        List<String> texts = new ArrayList<>();
        results.path("hits").forEach(hit -> texts.add(hit.path("message").path("message").asText()));
        return texts;
    }

    private static String send(TestClient client, Object... payload) {
        String ref = Unique.name("s");
        client.send(payload.length > 2 && "to".equals(payload[2]) ? "private_message" : "send_message", ref, Json.object(payload));
        return client.awaitAck(ref).path("payload").path("messageId").asText();
    }

    /**
     * A word no other test or run has: twelve random letters, so that it is one word (digits
     * folded to one letter collided: "wxdxxxdxx" was found in two tests).
     */
    static String word() {
        StringBuilder word = new StringBuilder("w");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    @Test
    void onlyConversationsTheCallerIsInAreSearched() {
        String a = Unique.name("sa");
        String b = Unique.name("sb");
        String c = Unique.name("sc");
        String secret = word();
        String room = Unique.name("priv");
        String open = Unique.name("open");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b);
                TestClient cc = TestClient.guest(ws, c)) {
            send(ca, "message", secret + " direct", "to", b);
            ca.send("create_room", "r1", Json.object("room", room, "private", true));
            ca.awaitAck("r1");
            send(ca, "message", secret + " private room", "room", room);
            ca.send("create_room", "r2", Json.object("room", open));
            ca.awaitAck("r2");
            send(ca, "message", secret + " public room", "room", open);
            send(ca, "message", secret + " general");

            assertFound(List.of("general", "public room", "private room", "direct").stream().map(t -> secret + " " + t).toList(),
                    ca, "query", secret);
            assertFound(List.of(secret + " general", secret + " direct"), cb, "query", secret);
            assertFound(List.of(secret + " general"), cc, "query", secret);
            assertFound(List.of(secret + " general", secret + " public room"), cc, "query", secret, "publicRooms", true);
            cc.send("search", "q5", Json.object("query", secret, "room", room, "publicRooms", true));
            cc.awaitError("room_not_found", "q5");
            cc.send("search", "q6", Json.object("query", secret, "to", a));
            assertEquals(List.of(), texts(cc.awaitAnswer("q6").path("payload")), "c's own conversation with a is empty");

            ca.send("leave_room", "l", Json.object("room", open));
            ca.awaitAck("l");
            assertTrue(!texts(search(ca, "q7", "query", secret)).contains(secret + " public room"),
                    "a former member no longer finds the room's messages");
        }
    }

    @Test
    void arabicTypedWithoutVowelsFindsVowelledTextAndTheOtherWayRound() {
        String a = Unique.name("ar");
        try (TestClient ca = TestClient.guest(ws, a)) {
            send(ca, "message", "ذَهَبَ مُحَمَّدٌ إِلَى المَدْرَسَةِ");
            send(ca, "message", "أحمد في المكتبة");
            send(ca, "message", "Salam, labas 3lik? On se voit au café");
            assertFound(List.of("ذَهَبَ مُحَمَّدٌ إِلَى المَدْرَسَةِ"), ca, "query", "محمد المدرسه", "from", a);
            assertFound(List.of("أحمد في المكتبة"), ca, "query", "احمد", "from", a);
            assertFound(List.of("أحمد في المكتبة"), ca, "query", "المكتبـــة", "from", a);
            assertFound(List.of("ذَهَبَ مُحَمَّدٌ إِلَى المَدْرَسَةِ"), ca, "query", "الي", "from", a);
            assertFound(List.of("Salam, labas 3lik? On se voit au café"), ca, "query", "LABAS cafe", "from", a);

            JsonNode hit = search(ca, "a6", "query", "محمد", "from", a).path("hits").get(0);
            String text = hit.path("message").path("message").asText();
            JsonNode span = hit.path("highlights").get(0);
            assertEquals("مُحَمَّدٌ", text.substring(span.get(0).asInt(), span.get(1).asInt()));
        }
    }

    @Test
    void eachMessageIsFoundByTheSearchSentRightAfterItsAck() {
        String a = Unique.name("fr");
        String b = Unique.name("fr");
        String fresh = word();
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.addFirst(fresh + " in the room " + i);
                send(ca, "message", sent.getFirst());
                assertEquals(sent, texts(search(ca, "r" + i, "query", fresh, "limit", 50)), "searched once, right after the ack");
                sent.addFirst(fresh + " direct " + i);
                send(ca, "message", sent.getFirst(), "to", b);
                assertEquals(sent, texts(search(ca, "d" + i, "query", fresh, "limit", 50)), "searched once, right after the ack");
            }
        }
    }

    @Test
    void aQuotedPhraseMatchesOnlyItsWordsInOrder() {
        String a = Unique.name("ph");
        String lunch = word();
        try (TestClient ca = TestClient.guest(ws, a)) {
            send(ca, "message", lunch + " plans for today");
            send(ca, "message", "plans for " + lunch);
            assertFound(List.of("plans for " + lunch, lunch + " plans for today"), ca, "query", lunch + " plans");
            assertEquals(List.of(lunch + " plans for today"), texts(search(ca, "p2", "query", "\"" + lunch + " plans\"")));
        }
    }

    @Test
    void pagesFollowEachOtherWithoutDuplicatesOrGaps() {
        String a = Unique.name("pg");
        String common = word();
        try (TestClient ca = TestClient.guest(ws, a)) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                sent.add(common + " number " + i);
                send(ca, "message", sent.getLast());
            }
            assertFound(sent.reversed(), ca, "query", common, "limit", 50);
            List<String> found = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                JsonNode page = next == null ? search(ca, "g" + pages, "query", common, "limit", 10)
                        : search(ca, "g" + pages, "query", common, "limit", 10, "before", next);
                found.addAll(texts(page));
                next = page.path("next").isMissingNode() ? null : page.path("next").asText();
                pages++;
            } while (next != null);
            assertEquals(3, pages);
            assertEquals(sent.reversed(), found, "newest first, each once");
        }
    }

    @Test
    void editsAndDeletesChangeWhatIsFound() {
        String a = Unique.name("ed");
        String before = word();
        String after = word();
        try (TestClient ca = TestClient.guest(ws, a)) {
            String id = send(ca, "message", before + " typo");
            assertFound(List.of(before + " typo"), ca, "query", before);
            ca.send("edit_message", "e", Json.object("messageId", id, "message", after + " fixed"));
            ca.awaitAck("e");
            assertEquals(List.of(), texts(search(ca, "e1", "query", before)));
            assertFound(List.of(after + " fixed"), ca, "query", after);
            ca.send("delete_message", "d", Json.object("messageId", id));
            ca.awaitAck("d");
            assertEquals(List.of(), texts(search(ca, "e3", "query", after)));
        }
    }

    @Test
    void messagesSentWithoutWaitingAndAnEditAmongThemAreAllFound() {
        // sent without waiting: the indexer takes the messages of several commits in one batch, an edit among them
        String a = Unique.name("mb");
        String common = word();
        String before = word();
        String after = word();
        try (TestClient ca = TestClient.guest(ws, a)) {
            String edited = send(ca, "message", common + " " + before);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i == 20) {
                    ca.send("edit_message", "e", Json.object("messageId", edited, "message", common + " " + after));
                }
                sent.add(common + " batch " + i);
                ca.send("send_message", "b" + i, Json.object("message", sent.getLast()));
            }
            ca.awaitAck("e");
            for (int i = 0; i < 40; i++) {
                ca.awaitAck("b" + i);
            }
            sent.add(common + " " + after);
            // several in one millisecond: PostgreSQL orders those by id, whose end is random, not as sent
            assertFoundInAnyOrder(sent, ca, "query", common, "limit", 50);
            assertFound(List.of(common + " " + after), ca, "query", after);
            assertEquals(List.of(), texts(search(ca, "old", "query", before)));
        }
    }

    @Test
    void filtersNarrowBySenderAndTime() {
        String a = Unique.name("fa");
        String b = Unique.name("fb");
        String topic = word();
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            send(ca, "message", topic + " from a");
            send(cb, "message", topic + " from b");
            assertFound(List.of(topic + " from b"), ca, "query", topic, "from", b.toUpperCase());
            assertFound(List.of(topic + " from b", topic + " from a"), ca, "query", topic, "since", "2020-01-01T00:00:00Z");
            assertEquals(List.of(), texts(search(ca, "f2", "query", topic, "until", "2020-01-01T00:00:00Z")));
        }
    }

    @Test
    void theFirstPageAlsoFindsPeopleAndRoomsByName() {
        String prefix = word();
        String person = prefix + "son";
        String room = prefix + "room";
        try (TestClient ca = TestClient.guest(ws, person)) {
            ca.send("create_room", "r", Json.object("room", room));
            ca.awaitAck("r");
            JsonNode results = search(ca, "n1", "query", prefix.toUpperCase());
            assertEquals(List.of(person), Json.strings(results.path("people")));
            assertEquals(room, results.path("rooms").get(0).path("room").asText());
            assertTrue(results.path("rooms").get(0).path("joined").asBoolean());
        }
    }

    @Test
    void badRequestsAreRefused() {
        try (TestClient ca = TestClient.guest(ws, Unique.name("bad"))) {
            for (Object[] payload : List.of(new Object[] {"query", ""}, new Object[] {"query", "?! ..."},
                    new Object[] {"query", "x".repeat(201)}, new Object[] {"query", "ok", "since", "yesterday"},
                    new Object[] {"query", "ok", "limit", 0}, new Object[] {"query", "ok", "before", "not-a-cursor"},
                    new Object[] {"query", "ok", "from", "no spaces allowed"})) {
                ca.send("search", "bad", Json.object(payload));
                ca.awaitError("invalid_payload", "bad");
            }
        }
    }
}

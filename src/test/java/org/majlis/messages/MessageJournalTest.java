package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.majlis.config.MajlisConfig;
import org.majlis.store.Database;
import org.majlis.store.Sql;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * The embedded store's journal, with copies into SQLite an hour apart: an acked message is in the
 * journal and not yet in SQLite, and every read sees it all the same, a search too; replies (stored directly)
 * keep their place among journaled messages; deleting or renaming a room numbers from the database again.
 */
@QuarkusTest
@TestProfile(MessageJournalTest.HourlyCopies.class)
class MessageJournalTest {

    public static class HourlyCopies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("majlis.journal.apply-interval", "1h");
        }
    }

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    Database database;

    @Inject
    MajlisConfig config;

    private static JsonNode answer(TestClient client, String type, Object... payload) {
        String id = Unique.name(type);
        client.send(type, id, Json.object(payload));
        return client.awaitAnswer(id);
    }

    private static JsonNode post(TestClient client, String room, String text, Object... more) {
        List<Object> payload = new ArrayList<>(List.of("room", room, "message", text));
        payload.addAll(List.of(more));
        JsonNode ack = answer(client, "send_message", payload.toArray());
        assertEquals("ack", ack.path("type").asText(), () -> "send_message was answered " + ack);
        return ack.path("payload");
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.path("messages").forEach(m -> seqs.add(m.path("seq").asLong()));
        return seqs;
    }

    private long storedInSqlite(List<String> ids) {
        return Sql.run(database, c -> Sql.first(c, "SELECT COUNT(*) FROM messages WHERE id IN (" + Sql.marks(ids.size()) + ")",
                row -> row.getLong(1), ids.toArray()));
    }

    private long journalBytes() throws IOException {
        try (Stream<Path> files = Files.list(config.dataDir().resolve("journal"))) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    void anAckedMessageIsJournaledAndEveryReadSeesIt() throws IOException {
        String room = Unique.name("journaled");
        String readerName = Unique.name("reader");
        try (TestClient a = TestClient.guest(ws, Unique.name("writer")); TestClient b = TestClient.guest(ws, readerName)) {
            assertEquals("ack", answer(a, "create_room", "room", room).path("type").asText());
            assertEquals("ack", answer(b, "join_room", "room", room).path("type").asText());
            answer(a, "history", "room", room); // copies whatever an earlier test left pending
            long journaledBefore = journalBytes();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(post(a, room, "journaled " + i).path("messageId").asText());
            }
            assertEquals(0, storedInSqlite(ids), "acked once in the journal, before SQLite has them");
            assertTrue(journalBytes() > journaledBefore, "the journal grew");

            b.send("read", null, Json.object("room", room, "seq", 5));
            JsonNode read = a.await("read", e -> readerName.equals(e.path("payload").path("by").asText())).path("payload");
            assertEquals(5, read.path("seq").asLong(), "a receipt is held to the journal's last seq, not to SQLite's");
            assertEquals(0, storedInSqlite(ids), "and does not wait for the copy");

            JsonNode page = answer(a, "history", "room", room).path("payload");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(page), "the read copied them in first");
            assertEquals(5, storedInSqlite(ids));

            String edited = post(a, room, "to be edited").path("messageId").asText();
            assertEquals("ack", answer(a, "edit_message", "messageId", edited, "message", "edited at once").path("type").asText(),
                    "an edit finds a message still in the journal");
            assertEquals("edited at once", answer(a, "history", "room", room).path("payload").path("messages").get(5).path("message").asText());
        }
    }

    @Test
    void aSearchCopiesTheJournalOnlyWhenAMessageThereCouldBeAHit() {
        String room = Unique.name("searched");
        String word = SearchTest.word();
        try (TestClient a = TestClient.guest(ws, Unique.name("searcher"))) {
            answer(a, "create_room", "room", room);
            answer(a, "history", "room", room); // copies whatever an earlier test left pending
            String id = post(a, room, "still journaled " + word).path("messageId").asText();
            assertEquals(0, storedInSqlite(List.of(id)), "the next copy is an hour away");
            JsonNode other = answer(a, "search", "query", SearchTest.word()).path("payload");
            assertEquals(List.of(), SearchTest.texts(other));
            assertEquals(0, storedInSqlite(List.of(id)), "no journaled message has the other word: nothing was copied for it");
            JsonNode results = answer(a, "search", "query", word).path("payload");
            assertEquals(List.of("still journaled " + word), SearchTest.texts(results), "searched once: the search copied and indexed it first");
        }
    }

    @Test
    void aSearchFindsAMessageCopiedButNotYetIndexed() {
        String room = Unique.name("searched");
        String word = SearchTest.word();
        try (TestClient a = TestClient.guest(ws, Unique.name("searcher"))) {
            answer(a, "create_room", "room", room);
            String id = post(a, room, "copied, the index lingering " + word).path("messageId").asText();
            answer(a, "history", "room", room); // the copy hands it to the indexer, which waits 50 ms for more
            assertEquals(1, storedInSqlite(List.of(id)));
            JsonNode results = answer(a, "search", "query", word).path("payload");
            assertEquals(List.of("copied, the index lingering " + word), SearchTest.texts(results),
                    "the search waited for the indexer, which had it");
        }
    }

    /** A copy inserts its rows 64 to a statement: every row keeps its own place in the search index across them. */
    @Test
    void aCopyOfManyStatementsIndexesEachMessageAsItself() {
        String room = Unique.name("copied");
        List<String> words = new ArrayList<>();
        try (TestClient a = TestClient.guest(ws, Unique.name("copier"))) {
            answer(a, "create_room", "room", room);
            answer(a, "history", "room", room); // copies whatever an earlier test left pending
            for (int i = 0; i < 150; i++) {
                words.add(SearchTest.word());
                a.send("send_message", "m" + i, Json.object("room", room, "message", "number " + i + " " + words.get(i)));
            }
            for (int i = 0; i < 150; i++) {
                assertEquals("ack", a.awaitAnswer("m" + i).path("type").asText());
            }
            assertEquals(150, answer(a, "history", "room", room, "limit", 200).path("payload").path("messages").size(),
                    "the read copied all of them, in one copy");
            for (int i : new int[] {0, 63, 64, 65, 127, 128, 149}) {
                JsonNode results = answer(a, "search", "query", words.get(i)).path("payload");
                assertEquals(List.of("number " + i + " " + words.get(i)), SearchTest.texts(results));
            }
        }
    }

    @Test
    void aReplyStoredDirectlyKeepsItsPlaceAmongJournaledMessages() {
        String room = Unique.name("replies");
        try (TestClient a = TestClient.guest(ws, Unique.name("replier"))) {
            answer(a, "create_room", "room", room);
            post(a, room, "first");
            String second = post(a, room, "second").path("messageId").asText();
            JsonNode reply = post(a, room, "answering the second, still journaled", "replyTo", second);
            post(a, room, "after the reply");
            JsonNode page = answer(a, "history", "room", room).path("payload");
            assertEquals(List.of(1L, 2L, 3L, 4L), seqs(page));
            assertEquals(3, reply.path("seq").asLong());
            assertEquals("second", page.path("messages").get(2).path("replyTo").path("message").asText());
        }
    }

    @Test
    void aRoomDeletedOrRenamedIsNumberedFromTheDatabaseAfter() {
        String room = Unique.name("again");
        String renamed = Unique.name("renamed");
        try (TestClient a = TestClient.guest(ws, Unique.name("owner"))) {
            answer(a, "create_room", "room", room);
            post(a, room, "one");
            post(a, room, "two");
            assertEquals("ack", answer(a, "delete_room", "room", room).path("type").asText());
            answer(a, "create_room", "room", room);
            assertEquals(1, post(a, room, "a new room of the name").path("seq").asLong());

            post(a, room, "before the rename");
            assertEquals("ack", answer(a, "rename_room", "room", room, "name", renamed).path("type").asText());
            assertEquals(3, post(a, renamed, "after the rename").path("seq").asLong());
            assertEquals(List.of(1L, 2L, 3L), seqs(answer(a, "history", "room", renamed).path("payload")));
        }
    }
}

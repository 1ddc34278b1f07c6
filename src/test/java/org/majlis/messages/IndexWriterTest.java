package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.messages.MessageSearch.Entry;
import org.majlis.store.Database;
import org.majlis.store.Sql;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * The indexer's batch, applied to an index file of the test's own: the messages of consecutive
 * commits go in together, and a change between them still comes after the messages before it.
 */
@QuarkusTest
class IndexWriterTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    Database database;

    @Test
    void aBatchIsAppliedInOrderWithTheMessagesOfSeveralCommitsTogether() throws Exception {
        String[] words = {SearchTest.word(), SearchTest.word(), SearchTest.word(), SearchTest.word(), SearchTest.word()};
        String[] ids = new String[4];
        try (TestClient client = TestClient.guest(ws, Unique.name("iw"))) {
            for (int i = 0; i < ids.length; i++) {
                client.send("send_message", "s" + i, Json.object("message", words[i] + " first"));
                ids[i] = client.awaitAck("s" + i).path("payload").path("messageId").asText();
            }
            client.send("edit_message", "e", Json.object("messageId", ids[0], "message", words[4] + " edited"));
            client.awaitAck("e");
        }
        Path file = Files.createTempFile("index", ".db");
        try (Connection index = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Sql.update(index, SqliteSearch.CREATE_INDEX);
            index.setAutoCommit(false);
            // as the writer queued them: two commits, the edit of the first message, one more commit
            new IndexWriter(index, database).apply(List.of(
                    new IndexChange.Stored(List.of(entry(ids[0], words[0]), entry(ids[1], words[1]))),
                    new IndexChange.Stored(List.of(entry(ids[2], words[2]))),
                    new IndexChange.Changed(ids[0]),
                    new IndexChange.Stored(List.of(entry(ids[3], words[3])))));
            index.commit();
            assertEquals(List.of(), found(index, words[0]), "the edit came after the message it changed");
            assertEquals(List.of(rowId(ids[0])), found(index, words[4]));
            for (int i = 1; i < ids.length; i++) {
                assertEquals(List.of(rowId(ids[i])), found(index, words[i]), "message " + i);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Entry entry(String id, String word) {
        return new Entry(id, SearchText.indexed(word + " first"));
    }

    private static List<Long> found(Connection index, String word) throws Exception {
        return Sql.query(index, "SELECT rowid FROM message_index WHERE message_index MATCH ?", row -> row.getLong(1), "\"" + word + "\"");
    }

    private long rowId(String messageId) {
        return Sql.run(database, connection -> Sql.first(connection, "SELECT rowid FROM messages WHERE id = ?", row -> row.getLong(1), messageId));
    }
}

package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.store.Sql;
import org.majlis.testing.Json;
import org.majlis.testing.PreparedDataDir;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * A data directory whose search.db is in the earlier form (a table of row numbers beside an FTS5
 * index with word positions): the start drops it for the index without either, and what is sent
 * afterwards is found, what the old index held is not.
 */
@QuarkusTest
@WithTestResource(SearchIndexUpgradeTest.EarlierIndex.class)
class SearchIndexUpgradeTest {

    static final Path DATA = ServerProcess.staticDataDir("majlis-search-upgrade-");
    static final String STALE_WORD = "stalewordofanearlierindex";

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void anIndexOfTheEarlierFormIsReplaced() throws SQLException {
        try (Connection index = DriverManager.getConnection("jdbc:sqlite:" + DATA.resolve("search.db"))) {
            assertEquals(List.of("message_index"), Sql.query(index, "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name IN ('search_rows', 'message_search', 'message_index')", row -> row.getString(1)));
        }
        String word = SearchTest.word();
        try (TestClient client = TestClient.guest(ws, Unique.name("up"))) {
            client.send("send_message", "s1", Json.object("message", "found after the " + word));
            client.awaitAck("s1");
            SearchTest.assertFound(List.of("found after the " + word), client, "query", word);
            assertEquals(List.of(), SearchTest.texts(SearchTest.search(client, "old", "query", STALE_WORD)));
        }
    }


    /** search.db as the version before it left it, with one entry. */
    public static class EarlierIndex extends PreparedDataDir {

        @Override
        protected Path dir() {
            return DATA;
        }

        @Override
        protected void prepare(Path dir) throws SQLException {
            try (Connection index = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("search.db"))) {
                Sql.update(index, "CREATE TABLE search_rows (row_id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, sent_at INTEGER NOT NULL)");
                Sql.update(index, "CREATE VIRTUAL TABLE message_search USING fts5(words, content='', contentless_delete=1,"
                        + " tokenize='unicode61 remove_diacritics 0')");
                Sql.update(index, "INSERT INTO search_rows (row_id, message_id, sent_at) VALUES (1, 'm_01', 1)");
                Sql.update(index, "INSERT INTO message_search (rowid, words) VALUES (1, ?)", STALE_WORD);
            }
        }
    }
}

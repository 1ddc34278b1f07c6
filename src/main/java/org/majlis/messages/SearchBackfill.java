package org.majlis.messages;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * At start, gives the messages stored before search existed (V9) their search text, oldest
 * first, a chunk per transaction, then lets the search index catch up. Once done, each start
 * costs one look into a partial index that is empty. Idempotent: nodes starting together do no harm.
 */
@Startup
@ApplicationScoped
public class SearchBackfill {

    private static final int CHUNK = 1000;

    public SearchBackfill(Database database, MessageSearch search) {
        int total = 0;
        int filled;
        do {
            filled = Sql.transaction(database, connection -> {
                List<Object[]> updates = Sql.query(connection, "SELECT id, body FROM messages WHERE search_text IS NULL"
                        + " AND deleted = FALSE ORDER BY id LIMIT " + CHUNK,
                        row -> new Object[] {SearchText.indexed(row.getString(2)), row.getString(1)});
                Sql.batch(connection, "UPDATE messages SET search_text = ? WHERE id = ?", updates);
                return updates.size();
            });
            total += filled;
        } while (filled == CHUNK);
        if (total > 0) {
            Log.infof("gave %d stored messages their search text", total);
        }
        search.catchUp();
    }
}

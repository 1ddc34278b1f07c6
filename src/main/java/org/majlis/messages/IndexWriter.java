package org.majlis.messages;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.majlis.messages.MessageSearch.Entry;
import org.majlis.store.Database;
import org.majlis.store.Ids;
import org.majlis.store.Sql;

/** Applies {@link IndexChange}s to the search index file, on the indexer's thread and connection. */
final class IndexWriter {

    private static final int CHUNK = 1000;

    private final Connection index;
    private final Database database;

    IndexWriter(Connection index, Database database) {
        this.index = index;
        this.database = database;
    }

    void apply(IndexChange change) throws SQLException {
        switch (change) {
            case IndexChange.Stored stored -> {
                for (Entry entry : stored.messages()) {
                    add(entry);
                }
            }
            case IndexChange.Changed changed -> change(changed.messageId());
            case IndexChange.CatchUp catchUp -> catchUp(catchUp.marginMillis());
            case IndexChange.Prune prune -> prune();
        }
    }

    /** False when the message has no words or is indexed already. */
    private boolean add(Entry entry) throws SQLException {
        if (entry.words() == null || entry.words().isEmpty()
                || Sql.update(index, "INSERT OR IGNORE INTO search_rows (message_id, sent_at) VALUES (?, ?)", entry.messageId(), entry.sentAt()) == 0) {
            return false;
        }
        Sql.update(index, "INSERT INTO message_search (rowid, words) VALUES (last_insert_rowid(), ?)", entry.words());
        return true;
    }

    /** The message as stored now; an edited one keeps its row, so its place in time. */
    private void change(String messageId) throws SQLException {
        Entry now = Sql.run(database, connection -> Sql.first(connection, "SELECT id, sent_at, search_text FROM messages"
                + " WHERE id = ? AND deleted = FALSE", IndexWriter::entry, messageId));
        Long rowId = Sql.first(index, "SELECT row_id FROM search_rows WHERE message_id = ?", row -> row.getLong(1), messageId);
        if (rowId == null) {
            if (now != null) {
                add(now);
            }
            return;
        }
        Sql.update(index, "DELETE FROM message_search WHERE rowid = ?", rowId);
        if (now == null || now.words() == null || now.words().isEmpty()) {
            Sql.update(index, "DELETE FROM search_rows WHERE row_id = ?", rowId);
        } else {
            Sql.update(index, "INSERT INTO message_search (rowid, words) VALUES (?, ?)", rowId, now.words());
        }
    }

    private void catchUp(long marginMillis) throws SQLException {
        Long newest = Sql.first(index, "SELECT MAX(sent_at) FROM search_rows", row -> {
            long sentAt = row.getLong(1);
            return row.wasNull() ? null : sentAt;
        });
        String after = newest == null ? "" : Ids.floor(Ids.MESSAGE, newest - marginMillis);
        int added = 0;
        for (List<Entry> chunk; !(chunk = chunkAfter(after)).isEmpty(); after = chunk.getLast().messageId()) {
            for (Entry entry : chunk) {
                added += add(entry) ? 1 : 0;
            }
            index.commit();
        }
        if (added > 0) {
            Log.infof("indexed %d stored messages for search", added);
        }
    }

    private List<Entry> chunkAfter(String messageId) {
        return Sql.run(database, connection -> Sql.query(connection, "SELECT id, sent_at, search_text FROM messages"
                + " WHERE id > ? AND search_text IS NOT NULL AND deleted = FALSE ORDER BY id LIMIT " + CHUNK, IndexWriter::entry, messageId));
    }

    private static Entry entry(java.sql.ResultSet row) throws SQLException {
        return new Entry(row.getString(1), row.getLong(2), row.getString(3));
    }

    private void prune() throws SQLException {
        long after = 0;
        for (List<Object[]> chunk; !(chunk = Sql.query(index, "SELECT row_id, message_id FROM search_rows WHERE row_id > ?"
                + " ORDER BY row_id LIMIT " + CHUNK, row -> new Object[] {row.getLong(1), row.getString(2)}, after)).isEmpty(); ) {
            Object[] ids = chunk.stream().map(entry -> entry[1]).toArray();
            Set<String> kept = new HashSet<>(Sql.run(database, connection -> Sql.query(connection, "SELECT id FROM messages WHERE id IN ("
                    + Sql.marks(ids.length) + ")", row -> row.getString(1), ids)));
            for (Object[] entry : chunk) {
                if (!kept.contains((String) entry[1])) {
                    Sql.update(index, "DELETE FROM message_search WHERE rowid = ?", entry[0]);
                    Sql.update(index, "DELETE FROM search_rows WHERE row_id = ?", entry[0]);
                }
            }
            index.commit();
            after = (long) chunk.getLast()[0];
        }
    }
}

package org.majlis.messages;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.majlis.messages.MessageSearch.Entry;
import org.majlis.store.Database;
import org.majlis.store.Ids;
import org.majlis.store.Sql;

/**
 * Applies {@link IndexChange}s to the search index file, on the indexer's thread and connection.
 * An index entry's rowid is its message's rowid in the messages table, so the index holds the
 * words and nothing else.
 */
final class IndexWriter {

    private static final int CHUNK = 1000;
    /** Replacing also clears what a reused rowid may have left behind. */
    private static final String PUT = "INSERT OR REPLACE INTO message_index (rowid, words) VALUES (?, ?)";

    /** One statement for any number of ids (an IN list of its own per count would crowd the kept statements out). */
    private static final String ROW_IDS = "SELECT id, rowid FROM messages WHERE id IN (SELECT value FROM json_each(?))";

    private final Connection index;
    private final Database database;

    IndexWriter(Connection index, Database database) {
        this.index = index;
        this.database = database;
    }

    /**
     * Applies a batch of changes in order, the messages of consecutive commits together: one query
     * for their rowids per thousand messages instead of one per commit, a few per millisecond under load.
     */
    void apply(List<IndexChange> batch) throws SQLException {
        List<Entry> stored = new ArrayList<>();
        for (IndexChange change : batch) {
            if (change instanceof IndexChange.Stored commit) {
                stored.addAll(commit.messages());
            } else {
                add(stored);
                stored.clear();
                apply(change);
            }
        }
        add(stored);
    }

    private void apply(IndexChange change) throws SQLException {
        switch (change) {
            case IndexChange.Stored stored -> add(stored.messages());
            case IndexChange.Changed changed -> change(changed.messageId());
            case IndexChange.CatchUp catchUp -> catchUp(catchUp.marginMillis());
            case IndexChange.Prune prune -> prune();
        }
    }

    private void add(List<Entry> entries) throws SQLException {
        List<Object[]> rows = new ArrayList<>(entries.size());
        List<Entry> unknown = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.words() == null || entry.words().isEmpty()) {
                continue;
            }
            if (entry.rowId() > 0) {
                rows.add(new Object[] {entry.rowId(), entry.words()});
            } else {
                unknown.add(entry);
            }
        }
        for (int from = 0; from < unknown.size(); from += CHUNK) {
            List<Entry> chunk = unknown.subList(from, Math.min(unknown.size(), from + CHUNK));
            String ids = jsonArray(chunk.stream().map(Entry::messageId).toList());
            Map<String, Long> rowIds = new HashMap<>();
            Sql.run(database, connection -> Sql.query(connection, ROW_IDS, row -> rowIds.put(row.getString(1), row.getLong(2)), ids));
            for (Entry entry : chunk) {
                Long rowId = rowIds.get(entry.messageId());
                if (rowId != null) { // null: deleted with its room before it was indexed
                    rows.add(new Object[] {rowId, entry.words()});
                }
            }
        }
        Sql.batchYielding(index, PUT, rows); // the messages of many commits: it lets the core go between its parts
    }

    /** The message as stored now; an edited one keeps its rowid, so its place in time. A row gone is left to {@link #prune}. */
    private void change(String messageId) throws SQLException {
        Object[] now = Sql.run(database, connection -> Sql.first(connection, "SELECT rowid, search_text, deleted FROM messages WHERE id = ?",
                row -> new Object[] {row.getLong(1), row.getBoolean(3) ? null : row.getString(2)}, messageId));
        if (now == null) {
            return;
        }
        String words = (String) now[1];
        if (words == null || words.isEmpty()) {
            Sql.update(index, "DELETE FROM message_index WHERE rowid = ?", now[0]);
        } else {
            Sql.update(index, PUT, now[0], words);
        }
    }

    /** Indexes what is missing among the messages sent from {@code marginMillis} before the newest indexed one on. */
    private void catchUp(long marginMillis) throws SQLException {
        Long newest = Sql.first(index, "SELECT rowid FROM message_index ORDER BY rowid DESC LIMIT 1", row -> row.getLong(1));
        Long newestSentAt = newest == null ? null : Sql.run(database, connection -> Sql.first(connection,
                "SELECT sent_at FROM messages WHERE rowid <= ? ORDER BY rowid DESC LIMIT 1", row -> row.getLong(1), newest));
        String after = newestSentAt == null ? "" : Ids.floor(Ids.MESSAGE, newestSentAt - marginMillis);
        int added = 0;
        for (List<Object[]> chunk; !(chunk = chunkAfter(after)).isEmpty(); after = (String) chunk.getLast()[2]) {
            Set<Long> indexed = new HashSet<>(Sql.query(index, "SELECT rowid FROM message_index WHERE rowid IN (" + Sql.marks(chunk.size()) + ")",
                    row -> row.getLong(1), chunk.stream().map(message -> message[0]).toArray()));
            List<Object[]> missing = chunk.stream().filter(message -> !indexed.contains((Long) message[0]))
                    .map(message -> new Object[] {message[0], message[1]}).toList();
            Sql.batchYielding(index, PUT, missing);
            index.commit();
            added += missing.size();
        }
        if (added > 0) {
            Log.infof("indexed %d stored messages for search", added);
        }
    }

    /** Messages after {@code messageId} in id order, as {rowid, words, id}. */
    private List<Object[]> chunkAfter(String messageId) {
        return Sql.run(database, connection -> Sql.query(connection, "SELECT rowid, search_text, id FROM messages"
                + " WHERE id > ? AND search_text IS NOT NULL AND search_text <> '' AND deleted = FALSE ORDER BY id LIMIT " + CHUNK,
                row -> new Object[] {row.getLong(1), row.getString(2), row.getString(3)}, messageId));
    }

    private void prune() throws SQLException {
        long after = 0;
        for (List<Long> chunk; !(chunk = Sql.query(index, "SELECT rowid FROM message_index WHERE rowid > ? ORDER BY rowid LIMIT " + CHUNK,
                row -> row.getLong(1), after)).isEmpty(); after = chunk.getLast()) {
            Object[] rowIds = chunk.toArray();
            Set<Long> kept = new HashSet<>(Sql.run(database, connection -> Sql.query(connection, "SELECT rowid FROM messages WHERE rowid IN ("
                    + Sql.marks(rowIds.length) + ")", row -> row.getLong(1), rowIds)));
            for (Long rowId : chunk) {
                if (!kept.contains(rowId)) {
                    Sql.update(index, "DELETE FROM message_index WHERE rowid = ?", rowId);
                }
            }
            index.commit();
        }
    }

    private static String jsonArray(List<String> texts) {
        StringBuilder json = new StringBuilder(texts.size() * 32).append('[');
        for (String text : texts) {
            json.append(json.length() > 1 ? ",\"" : "\"").append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
        }
        return json.append(']').toString();
    }
}

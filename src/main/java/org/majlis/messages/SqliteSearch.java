package org.majlis.messages;

import io.quarkus.logging.Log;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.majlis.logging.ThrottledWarning;
import org.majlis.store.Database;
import org.majlis.store.GroupCommit;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;
import org.sqlite.SQLiteDataSource;

/**
 * {@link MessageSearch} on the embedded store: an FTS5 index in a database file of its own
 * ({@code search.db} beside {@code majlis.db}), written by a thread of its own right after messages
 * are written into SQLite. SQLite writes one transaction at a time per file, so indexing in the
 * messages' own transaction would lengthen every commit by the index's work; in its own file it
 * runs beside the next commit, behind the acks. A search finds every message acknowledged before
 * it: when a journaled message could be a hit, it has the journal copied, and when a change handed
 * to the indexer could add one, it waits for the index to take that change; else the index has all
 * to be found. What a crash or an upgrade leaves unindexed is caught up at the start
 * ({@link #catchUp}); hits are checked against the messages as stored now (deleted, edited, removed
 * by retention), so a stale entry is never shown. An entry's rowid is its message's rowid in
 * {@code majlis.db}: they grow with each message stored, so newest first is their order, and the
 * index needs no table of its own.
 */
final class SqliteSearch implements MessageSearch, AutoCloseable {

    /** Candidates read from the index at a time: twice the page at first, four times more at each next round, up to this. */
    private static final int MAX_CHUNK = 800;
    /** Candidates one page looks at before it answers with what it found and a cursor to go on. */
    private static final int MAX_SCAN = 5000;
    private static final int READERS = 4;
    /** Words only, {@code detail=none}: no word positions, half the work per message; phrases are checked on the stored text. */
    static final String CREATE_INDEX = "CREATE VIRTUAL TABLE IF NOT EXISTS message_index USING fts5(words, content='', contentless_delete=1,"
            + " detail=none, tokenize='unicode61 remove_diacritics 0')";
    /**
     * How long the indexer waits for more work before a commit: FTS5 adds a segment per commit, so
     * a message indexed alone costs it about four times what one of a batch of 64 does.
     */
    private static final Duration INDEX_LINGER = Duration.ofMillis(50);
    /** How long a search waits for the index to take what was stored before it; an index catching up after a start is searched as it is. */
    private static final Duration FRESH_WAIT = Duration.ofSeconds(2);
    /** How far before the newest indexed message a start looks for messages the index missed. */
    private static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(10);

    private final Database database;
    private final MessageRows rows;
    private final PendingMessages pending;
    private final SQLiteDataSource file;
    private final Connection writer;
    private final GroupCommit<IndexChange> indexer;
    private final UnindexedChanges unindexed = new UnindexedChanges();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final ThrottledWarning overflowWarning = new ThrottledWarning(Duration.ofSeconds(10));

    SqliteSearch(Path path, Database database, MessageRows rows, PendingMessages pending) {
        this.database = database;
        this.rows = rows;
        this.pending = pending;
        this.file = new SQLiteDataSource();
        file.setUrl("jdbc:sqlite:" + path);
        file.setJournalMode("WAL");
        file.setSynchronous("NORMAL");
        file.setBusyTimeout(30_000);
        try {
            writer = file.getConnection();
            // either table of the earlier form, also one left alone by a start that stopped between the two drops
            if (Sql.first(writer, "SELECT name FROM sqlite_master WHERE name IN ('search_rows', 'message_search')", row -> row.getString(1)) != null) {
                Log.info("the search index is rebuilt in its smaller form, in the background");
                Sql.update(writer, "DROP TABLE IF EXISTS search_rows");
                Sql.update(writer, "DROP TABLE IF EXISTS message_search");
            }
            Sql.update(writer, CREATE_INDEX);
            writer.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the search index " + path, e);
        }
        IndexWriter changes = new IndexWriter(writer, database);
        this.indexer = new GroupCommit<>("majlis-search-indexer", 65_536, 4096, INDEX_LINGER, new GroupCommit.Batch<>() {
            @Override
            public void commit(List<IndexChange> items) throws Exception {
                changes.apply(items);
                writer.commit();
                unindexed.remove(items);
            }

            @Override
            public void failed(List<IndexChange> items, Exception cause) {
                try {
                    writer.rollback();
                } catch (SQLException e) {
                    cause.addSuppressed(e);
                }
                unindexed.remove(items);
                Log.warn("the search index missed changes: they are caught up at the next start", cause);
            }
        });
    }

    @Override
    public void stored(List<Entry> messages) {
        submit(new IndexChange.Stored(messages));
    }

    @Override
    public void changed(String messageId) {
        submit(new IndexChange.Changed(messageId));
    }

    @Override
    public void catchUp() {
        submit(new IndexChange.CatchUp(CATCH_UP_MARGIN.toMillis()));
    }

    @Override
    public void pruned() {
        submit(new IndexChange.Prune());
    }

    private void submit(IndexChange change) {
        unindexed.add(change);
        if (!indexer.submit(change)) {
            unindexed.remove(List.of(change));
            if (overflowWarning.due()) {
                Log.warn("the search index is not keeping up: messages are indexed at the next start");
            }
        }
    }

    @Override
    public Hits search(SearchQuery query, Scope scope, String cursor, int limit) {
        awaitIndexed(query);
        long before = cursor == null ? Long.MAX_VALUE : rowNumber(cursor);
        Connection index = reader();
        try {
            List<Long> hitRows = new ArrayList<>();
            List<StoredMessage> hits = new ArrayList<>();
            boolean exhausted = false;
            int chunk = Math.min(MAX_CHUNK, 2 * (limit + 1));
            for (int scanned = 0; hits.size() <= limit && scanned < MAX_SCAN; chunk = Math.min(MAX_CHUNK, chunk * 4)) {
                List<Long> candidates = Sql.query(index, "SELECT rowid FROM message_index WHERE message_index MATCH ? AND rowid < ?"
                        + " ORDER BY rowid DESC LIMIT ?", row -> row.getLong(1), query.fts5(), before, chunk);
                Map<Long, StoredMessage> live = stored(candidates, scope, query);
                for (int i = 0; i < candidates.size() && hits.size() <= limit; i++) {
                    StoredMessage message = live.get(candidates.get(i));
                    if (message != null) {
                        hits.add(message);
                        hitRows.add(candidates.get(i));
                    }
                }
                scanned += candidates.size();
                if (candidates.size() < chunk) {
                    exhausted = true;
                    break;
                }
                before = candidates.getLast();
            }
            String next = null;
            if (hits.size() > limit) {
                hits.removeLast();
                next = Long.toString(hitRows.get(limit - 1));
            } else if (!exhausted) {
                next = Long.toString(before); // this page looked far enough: the next goes on from here
            }
            List<StoredMessage> found = hits;
            return new Hits(found, next, Sql.run(database, connection -> JdbcHistoryPages.reactions(connection, found)));
        } catch (SQLException e) {
            throw new IllegalStateException("the search index failed", e);
        } finally {
            release(index);
        }
    }

    /**
     * When a journaled message could be a hit, has the journal copied (the copy hands it to the
     * indexer); then waits for the index to take every change handed to it that could add a hit.
     * The journal is looked at first: a message leaves it only once the indexer has it.
     */
    private void awaitIndexed(SearchQuery query) {
        if (pending.anyPending(query::matches)) {
            pending.awaitApplied();
        }
        List<IndexChange> awaited = unindexed.mayAddHit(query::matches);
        if (awaited.isEmpty()) {
            return;
        }
        indexer.hurry();
        try {
            if (!unindexed.awaitWritten(awaited, FRESH_WAIT)) {
                Log.debugf("the search index is still catching up after %s: searched as it is", FRESH_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the search index", e);
        }
    }

    /** The candidates (rowids of messages) as stored now, in scope, still holding the query's words, by rowid. */
    private Map<Long, StoredMessage> stored(List<Long> rowIds, Scope scope, SearchQuery query) {
        Map<Long, StoredMessage> live = new HashMap<>();
        if (rowIds.isEmpty()) {
            return live;
        }
        StringBuilder sql = new StringBuilder("SELECT " + MessageRows.COLUMNS + ", c.id, c.room_name, c.name_a, c.name_b, m.search_text, m.rowid"
                + " FROM " + MessageRows.FROM + " JOIN conversations c ON c.id = m.conversation_id WHERE m.rowid IN ("
                + Sql.marks(rowIds.size()) + ") AND m.deleted = FALSE");
        List<Object> parameters = new ArrayList<>(rowIds);
        Scopes.restrict(sql, parameters, scope);
        int textColumn = MessageRows.COLUMN_COUNT + 5;
        Sql.run(database, connection -> Sql.query(connection, sql.toString(), row -> {
            if (query.matches(row.getString(textColumn))) {
                live.put(row.getLong(textColumn + 1), rows.read(MessageRows.conversation(row, MessageRows.COLUMN_COUNT + 1), row));
            }
            return null;
        }, parameters.toArray()));
        return live;
    }

    private static long rowNumber(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this search: " + cursor);
        }
    }

    private Connection reader() {
        Connection connection = readers.poll();
        try {
            return connection != null ? connection : file.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the search index", e);
        }
    }

    private void release(Connection connection) {
        if (!readers.offer(connection)) {
            close(connection);
        }
    }

    @Override
    public void close() {
        indexer.close();
        close(writer);
        for (Connection connection; (connection = readers.poll()) != null; ) {
            close(connection);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            Log.debug("closing a search index connection failed", e);
        }
    }
}

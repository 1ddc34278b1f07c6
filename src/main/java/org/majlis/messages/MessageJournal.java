package org.majlis.messages;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.majlis.config.MajlisConfig;
import org.majlis.protocol.ConversationId;
import org.majlis.store.AppendLog;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/**
 * The embedded store's fast durable path. The message writer numbers a batch in memory and appends
 * its rows to the journal in one write: then the batch counts as stored (it survives a kill, as a
 * SQLite commit does with {@code synchronous=NORMAL}) and is acknowledged. A thread of its own
 * copies the rows into SQLite every interval, hundreds in one transaction where each batch took
 * one. Reads of messages wait for the copy ({@link PendingMessages}); at start, the records SQLite
 * does not have yet are copied in before anything reads. SQLite serves one node, so the numbers
 * kept here are the only ones; PostgreSQL, shared by nodes, never journals.
 */
@ApplicationScoped
public class MessageJournal implements PendingMessages {

    private static final long FILE_BYTES = 64L << 20;
    private static final int ID = 2;
    private static final int WORDS = 11;
    /** The copy's insert: a row copied before a crash and replayed after it is there already, and stays as it was. */
    private static final String INSERT_IF_ABSENT = JdbcMessageWriter.INSERT + " ON CONFLICT DO NOTHING";

    private final Database database;
    private final MessageSearch search;
    private final AppendLog log;
    private final JournalApplier applier;
    private final int maxConversations;
    /** Held by the writer while it numbers a batch, and by whatever deletes or renames conversations. */
    private final ReentrantLock numbering = new ReentrantLock();
    /** Each conversation's last seq given, by key: read from the database at its first message. Under {@link #numbering}. */
    private final Map<String, long[]> lastSeqs = new HashMap<>();

    public MessageJournal(Database database, MessageSearch search, MajlisConfig config) {
        this.database = database;
        this.search = search;
        this.maxConversations = config.journal().conversations();
        if (!config.journal().enabled() || !Database.EMBEDDED.equals(database.name())) {
            this.log = null;
            this.applier = null;
            return;
        }
        long applied = Sql.run(database, c -> Sql.first(c, "SELECT applied_lsn FROM message_journal", row -> row.getLong(1)));
        this.log = new AppendLog(config.dataDir().resolve("journal"), FILE_BYTES, applied);
        long replayed = replay(applied);
        this.applier = new JournalApplier(replayed, config.journal().applyInterval(), this::copy);
    }

    /** Copies the records after the applied one into the database; returns the last LSN. */
    private long replay(long applied) {
        List<Object[]> rows = new ArrayList<>();
        long[] last = {applied};
        log.replay(applied, (lsn, payload) -> {
            rows.addAll(JournalRows.decode(payload));
            last[0] = lsn;
        });
        if (last[0] > applied) {
            copy(rows, last[0]);
            Log.infof("copied %d journaled messages into the database", rows.size());
        }
        log.release(log.lastLsn());
        return log.lastLsn();
    }

    /** Whether messages go through the journal (the embedded store, unless switched off). */
    public boolean active() {
        return applier != null;
    }

    /** Runs the writer's work on one batch: no conversation is deleted or renamed meanwhile. */
    <T> T numbering(Callable<T> work) throws Exception {
        numbering.lock();
        try {
            return work.call();
        } finally {
            numbering.unlock();
        }
    }

    /**
     * Numbers a batch: returns each conversation's seq before its first new message and counts the
     * new ones as given. A conversation seen for the first time is read from the database (a direct
     * one is created there); a room that is not there fails the whole batch, numbering nothing.
     */
    Map<ConversationId, long[]> advance(Map<ConversationId, Integer> counts) throws SQLException {
        if (lastSeqs.size() + counts.size() > maxConversations) {
            forgetAll();
        }
        // another spelling of a conversation's names has the same key: one of them is enough
        Map<String, ConversationId> unknown = new HashMap<>();
        counts.keySet().stream().filter(c -> !lastSeqs.containsKey(c.key())).forEach(c -> unknown.putIfAbsent(c.key(), c));
        if (!unknown.isEmpty()) {
            Map<ConversationId, Integer> none = new HashMap<>();
            unknown.values().forEach(c -> none.put(c, 0));
            Sql.transaction(database, connection -> ConversationSeqs.advance(connection, none))
                    .forEach((conversation, seq) -> lastSeqs.put(conversation.key(), seq));
        }
        Map<ConversationId, long[]> before = new HashMap<>();
        counts.forEach((conversation, count) -> {
            long[] last = lastSeqs.get(conversation.key());
            before.put(conversation, new long[] {last[0]});
            last[0] += count;
        });
        return before;
    }

    /** Appends the rows (in the message insert's columns) in one write; once it returns, they count as stored. */
    void append(List<Object[]> rows) {
        applier.add(rows, log.append(JournalRows.encode(rows)));
    }

    /** The conversations' numbers are to be read from the database again (the writer stored to them directly). */
    void forget(Collection<ConversationId> conversations) {
        conversations.forEach(c -> lastSeqs.remove(c.key()));
    }

    private void forgetAll() {
        awaitApplied();
        lastSeqs.clear();
    }

    @Override
    public void awaitApplied() {
        if (applier != null) {
            applier.awaitApplied();
        }
    }

    @Override
    public boolean anyPending(Predicate<String> searchText) {
        return applier != null && applier.anyWaiting(row -> searchText.test((String) row[WORDS]));
    }

    /** From memory: a conversation is there from its first message numbered since the seqs were last read from the database. */
    @Override
    public OptionalLong lastSeq(String conversationKey) {
        if (applier == null) {
            return OptionalLong.empty();
        }
        numbering.lock();
        try {
            long[] last = lastSeqs.get(conversationKey);
            return last == null ? OptionalLong.empty() : OptionalLong.of(last[0]);
        } finally {
            numbering.unlock();
        }
    }

    @Override
    public <T> T exclusively(Predicate<String> conversationKeys, Supplier<T> work) {
        if (applier == null) {
            return work.get();
        }
        numbering.lock();
        try {
            awaitApplied();
            lastSeqs.keySet().removeIf(conversationKeys);
            return work.get();
        } finally {
            numbering.unlock();
        }
    }

    /**
     * Copies rows in one transaction, with the LSN of the last record they came from: each
     * conversation's last seq goes up to its newest row's. Rows of a conversation no longer there
     * (never the case while deletions go through {@link #exclusively}) are left out, so that they
     * cannot take the seq of a later conversation of the same name.
     */
    private void copy(List<Object[]> rows, long lsn) {
        Map<String, Long> newest = new LinkedHashMap<>();
        rows.forEach(row -> newest.merge((String) row[0], (Long) row[1], Math::max));
        List<Object[]> kept = new ArrayList<>(rows.size());
        List<MessageSearch.Entry> indexed = Sql.transaction(database, connection -> {
            Set<String> present = raiseLastSeqs(connection, newest);
            rows.stream().filter(row -> present.contains((String) row[0])).forEach(kept::add);
            long lastRowId = lastRowId(connection);
            int[] inserted = Sql.batchYielding(connection, INSERT_IF_ABSENT, kept); // a copy of hundreds lets the core go between its parts
            Sql.update(connection, "UPDATE message_journal SET applied_lsn = ?", lsn);
            return entries(kept, inserted, lastRowId, lastRowId(connection));
        });
        if (kept.size() < rows.size()) {
            Log.warnf("%d journaled messages were left out: their conversations are gone", rows.size() - kept.size());
        }
        log.release(lsn);
        search.stored(indexed);
    }

    /**
     * The rows as search entries, with the rowids SQLite gave them: each new row the one after the
     * largest before it, so consecutive from {@code before}, which {@code after} confirms (else the
     * index looks them all up). A row that was there already (copied before a crash) is looked up too.
     */
    private static List<MessageSearch.Entry> entries(List<Object[]> kept, int[] inserted, long before, long after) {
        boolean consecutive = after - before == Arrays.stream(inserted).filter(count -> count > 0).count();
        long rowId = before;
        List<MessageSearch.Entry> entries = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            long given = inserted[i] > 0 ? ++rowId : 0;
            entries.add(new MessageSearch.Entry((String) kept.get(i)[ID], (String) kept.get(i)[WORDS], consecutive ? given : 0));
        }
        return entries;
    }

    private static long lastRowId(Connection connection) throws SQLException {
        return Sql.first(connection, "SELECT COALESCE(MAX(rowid), 0) FROM messages", row -> row.getLong(1));
    }

    /** Each conversation's last seq raised to its newest row's; returns those there are (one statement kept, run once per conversation). */
    private static Set<String> raiseLastSeqs(Connection connection, Map<String, Long> newest) throws SQLException {
        List<Object[]> rows = new ArrayList<>(newest.size());
        newest.forEach((conversation, seq) -> rows.add(new Object[] {seq, conversation}));
        int[] updated = Sql.batchYielding(connection, "UPDATE conversations SET last_seq = MAX(last_seq, ?) WHERE id = ?", rows);
        Set<String> present = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (updated[i] > 0) {
                present.add((String) rows.get(i)[1]);
            }
        }
        return present;
    }

    /** Copies what is journaled and stops; the files go with the records. For a stopping node, after the writer. */
    void close() {
        if (applier != null) {
            applier.close();
            log.close();
        }
    }
}

package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.Sql;
import org.majlis.testing.OnPostgres;
import org.majlis.testing.Unique;

/** A batch of plain messages numbered, inserted and committed by one statement, on the local PostgreSQL. */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresBatchInsertTest {

    @Inject
    Database database;

    @Inject
    MessageWriter writer;

    @Inject
    PrivateHistory history;

    /** Made part of every message id of this run: the suites share the database. */
    private final String run = Unique.name("r");

    @Test
    void eachConversationsRowsFollowItsLastSeqInBatchOrderAndAMissingOneIsLeftOut() {
        ConversationId known = created(3);
        ConversationId missing = direct("");
        try {
            Map<String, Long> before = insert(List.of(row(known, "m_a"), row(missing, "m_b"), row(known, "m_c")));
            assertEquals(Map.of(known.key(), 3L), before);
            assertEquals(List.of(4L, 5L), List.of(seqOf("m_a"), seqOf("m_c")));
            assertEquals(List.of(), Sql.run(database, c -> Sql.query(c, "SELECT seq FROM messages WHERE id = ?", r -> r.getLong(1),
                    prefixed("m_b"))), "nothing of a conversation that is not there");
            assertEquals(5L, lastSeq(known));
        } finally {
            remove(List.of(known));
        }
    }

    /** Two writers (two nodes' worth) on the same conversations, given in opposite orders: no seq twice, none skipped, no deadlock. */
    @Test
    void concurrentStatementsOnTheSameConversationsNumberOneAfterTheOther() throws Exception {
        ConversationId one = created(0);
        ConversationId two = created(0);
        int batches = 100;
        try {
            List<Long> all = ConversationSeqsTest.inTwoWriters(batches, one, two,
                    order -> insert(order.stream().map(c -> row(c, Unique.name("m"))).toList()).get(one.key()) + 1);
            assertEquals(LongStream.rangeClosed(1, 2 * batches).boxed().toList(), all.stream().sorted().toList());
            assertEquals(List.of(2L * batches, 2L * batches), List.of(lastSeq(one), lastSeq(two)));
        } finally {
            remove(List.of(one, two));
        }
    }

    /**
     * The statement and a transaction's numbering (a batch with a reply, on another node) lock
     * conversations in the same order, whatever order the keys come in, however the plan reads the
     * table (a hash join reads it in the order the rows were made) and where code points and UTF-16
     * units order two keys differently: U+FA0E, a letter that NFKC keeps, before U+20000 (UTF-16
     * D840 DC00), made first.
     */
    @Test
    void theStatementAndTheTransactionLockConversationsInTheSameOrder() throws Exception {
        ConversationId beyondIt = created(0, direct("\uD840\uDC00"));
        ConversationId inTheBmp = created(0, direct("\uFA0E"));
        try {
            queuedBehindALock(inTheBmp,
                    aMessageToEachOf(beyondIt, inTheBmp),
                    () -> assertEquals(1L, Sql.transaction(database, c -> ConversationSeqs.advance(c, Map.of(beyondIt, 1, inTheBmp, 1)))
                            .get(inTheBmp)[0]));
        } finally {
            remove(List.of(inTheBmp, beyondIt));
        }
    }

    /** Forgetting a name's direct conversations (its name has a new holder) locks them in the statement's order too. */
    @Test
    void forgettingANameLocksItsConversationsInTheStatementsOrder() throws Exception {
        String name = Unique.name("a"); // ASCII: first in both keys, whose partners then decide their order
        ConversationId beyondIt = created(0, ConversationId.direct(name, Unique.name("\uD840\uDC00")));
        ConversationId inTheBmp = created(0, ConversationId.direct(name, Unique.name("\uFA0E")));
        try {
            queuedBehindALock(inTheBmp,
                    aMessageToEachOf(beyondIt, inTheBmp),
                    () -> assertEquals(2, history.forget(Names.key(name))));
            assertEquals(List.of(), Sql.run(database, c -> Sql.query(c, "SELECT id FROM conversations WHERE id IN (?, ?)",
                    r -> r.getString(1), beyondIt.key(), inTheBmp.key())));
        } finally {
            remove(List.of(inTheBmp, beyondIt));
        }
    }

    /** The statement with a message to each of the conversations, which had none: the seqs before them are 0. */
    private Runnable aMessageToEachOf(ConversationId... conversations) {
        return () -> assertEquals(Stream.of(conversations).collect(Collectors.toMap(ConversationId::key, c -> 0L)),
                insert(Stream.of(conversations).map(c -> row(c, Unique.name("m"))).toList()));
    }

    /**
     * Runs {@code first}, then {@code second}, while the conversation's row is held, each once the
     * one before waits for it; then lets it go. Had {@code second} taken another row that
     * {@code first} needs while waiting, the two would deadlock then, and one of them fail.
     */
    private void queuedBehindALock(ConversationId held, Runnable first, Runnable second) throws Exception {
        try (Connection holder = database.connect(); ExecutorService writers = Executors.newFixedThreadPool(2)) {
            holder.setAutoCommit(false);
            lock(holder, held);
            CompletableFuture<Void> one = CompletableFuture.runAsync(first, writers);
            awaitWritersOnALock(1);
            CompletableFuture<Void> two = CompletableFuture.runAsync(second, writers);
            awaitWritersOnALock(2);
            holder.rollback();
            one.get(10, TimeUnit.SECONDS);
            two.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The statement commits what it inserted: a message to a room that is not there is refused
     * alone. The two share a batch: the writer is held on a lock of the conversation's row (by a
     * first message) while they queue.
     */
    @Test
    void aMessageToARoomThatIsNotThereIsRefusedWithoutTheOthersOfItsBatch() throws Exception {
        ConversationId there = created(0);
        CompletableFuture<StoredMessage> first = new CompletableFuture<>();
        CompletableFuture<StoredMessage> stored = new CompletableFuture<>();
        CompletableFuture<MessageWriter.Refusal> refused = new CompletableFuture<>();
        try (Connection holder = database.connect()) {
            holder.setAutoCommit(false);
            lock(holder, there);
            writer.append(draft(there, first::complete, r -> first.completeExceptionally(new AssertionError("refused: " + r))));
            awaitWritersOnALock(1);
            writer.append(draft(there, stored::complete, r -> stored.completeExceptionally(new AssertionError("refused: " + r))));
            writer.append(draft(ConversationId.room(Unique.name("nowhere")),
                    m -> refused.completeExceptionally(new AssertionError("stored: " + m)), refused::complete));
            holder.rollback();
            assertEquals(1L, first.get(10, TimeUnit.SECONDS).seq());
            assertEquals(2L, stored.get(10, TimeUnit.SECONDS).seq());
            assertInstanceOf(MessageWriter.Refusal.Failed.class, refused.get(10, TimeUnit.SECONDS));
            assertEquals(2L, lastSeq(there));
        } finally {
            remove(List.of(there));
        }
    }

    private static void lock(Connection holder, ConversationId conversation) throws SQLException {
        Sql.query(holder, "SELECT last_seq FROM conversations WHERE id = ? FOR UPDATE", r -> r.getLong(1), conversation.key());
    }

    private void awaitWritersOnALock(int count) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Long waiting = Sql.run(database, c -> Sql.first(c, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database()", r -> r.getLong(1)));
            if (waiting >= count) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("fewer than " + count + " writers ever waited for a conversation's row");
    }

    private static MessageWriter.Draft draft(ConversationId conversation, java.util.function.Consumer<StoredMessage> committed,
            java.util.function.Consumer<MessageWriter.Refusal> refused) {
        String from = conversation.isRoom() ? "someone" : conversation.userA();
        return new MessageWriter.Draft(conversation, Unique.name("m"), from, null, "hello", System.currentTimeMillis(), List.of(), null,
                committed, refused, null);
    }

    private Map<String, Long> insert(List<Object[]> rows) {
        return Sql.run(database, connection -> PostgresBatchInsert.insert(connection, rows));
    }

    /** A row in {@link JdbcMessageWriter#INSERT}'s columns; its id made unique to this run. */
    private Object[] row(ConversationId conversation, String id) {
        String from = conversation.userA();
        return new Object[] {conversation.key(), 0L, prefixed(id), from, conversation.userB(), "hello", System.currentTimeMillis(),
                Names.key(from), null, null, null, "hello", null};
    }

    private String prefixed(String id) {
        return id + "_" + run;
    }

    private ConversationId created(long lastSeq) {
        return created(lastSeq, direct(""));
    }

    private ConversationId created(long lastSeq, ConversationId conversation) {
        Sql.run(database, c -> Sql.update(c, "INSERT INTO conversations (id, user_a, user_b, name_a, name_b, last_seq, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0)", conversation.key(), Names.key(conversation.userA()), Names.key(conversation.userB()),
                conversation.userA(), conversation.userB(), lastSeq));
        return conversation;
    }

    /** A new direct conversation whose users' names begin with {@code first}. */
    private static ConversationId direct(String first) {
        return ConversationId.direct(Unique.name(first + "a"), Unique.name(first + "b"));
    }

    private Long seqOf(String id) {
        return Sql.run(database, c -> Sql.first(c, "SELECT seq FROM messages WHERE id = ?", r -> r.getLong(1), prefixed(id)));
    }

    private Long lastSeq(ConversationId conversation) {
        return Sql.run(database, c -> Sql.first(c, "SELECT last_seq FROM conversations WHERE id = ?", r -> r.getLong(1), conversation.key()));
    }

    private void remove(List<ConversationId> conversations) {
        Sql.run(database, c -> {
            for (ConversationId conversation : conversations) {
                Sql.update(c, "DELETE FROM messages WHERE conversation_id = ?", conversation.key());
                Sql.update(c, "DELETE FROM conversations WHERE id = ?", conversation.key());
            }
            return null;
        });
    }
}

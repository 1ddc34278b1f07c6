package org.majlis.messages;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.Delivery;
import org.majlis.files.FileStore;
import org.majlis.logging.ThrottledWarning;
import org.majlis.metrics.ChatMetrics;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.protocol.ServerEvent.Quote;
import org.majlis.store.Database;
import org.majlis.store.GroupCommit;
import org.majlis.store.Sql;
import org.majlis.store.StoreException;

/**
 * {@link MessageWriter} on JDBC: one transaction per batch of drafts, the same SQL for SQLite and
 * PostgreSQL; on PostgreSQL, a batch of plain messages is one statement ({@link PostgresBatchInsert});
 * on SQLite, a batch of plain messages is journaled instead ({@link MessageJournal}),
 * and one with a reply or files, whose checks read and write the store, waits for the journal to be
 * copied and is stored directly. The drafts' callbacks (recipients, encoding, acks) run on one thread of their own,
 * in commit order, so the writer goes on with the next batch while the last one is delivered.
 */
@ApplicationScoped
public class JdbcMessageWriter implements MessageWriter {

    private static final int MAX_BATCH = 512;
    /** The columns of a message row, as the journal keeps them too. */
    static final String INSERT = "INSERT INTO messages (conversation_id, seq, id, sender, recipient, body, sent_at,"
            + " sender_key, attachments, sender_session, reply_to, search_text, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final FileStore files;
    private final MessageRows rows;
    private final SenderAdmission admission;
    private final MessageSearch search;
    private final Delivery delivery;
    private final MessageJournal journal;
    private final ChatMetrics metrics;
    private final GroupCommit<Queued> writer;
    /** One thread: the callbacks of one batch run after those of the batch before (messages in seq order). */
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("majlis-message-delivery").daemon().factory());
    private final ThrottledWarning overflowWarning = new ThrottledWarning(Duration.ofSeconds(10));

    /**
     * A draft and its search words, folded by the caller so that the writer's transaction does not
     * wait for them; queuedAt ({@link System#nanoTime}) times its way to the store.
     */
    private record Queued(Draft draft, String words, long queuedAt) {
    }

    /** A draft of the batch that was refused, and why. */
    private record Refused(Draft draft, Refusal refusal) {
    }

    /** A draft of the batch that will be written, with what it quotes and the files bound to it. */
    private record Accepted(Draft draft, String words, Quote quote, List<Attachment> attachments) {
    }

    /** A draft of the batch that was written. */
    private record Written(Draft draft, StoredMessage message, String words) {
    }

    public JdbcMessageWriter(Database database, FileStore files, MessageRows rows, SenderAdmission admission,
            MessageSearch search, Delivery delivery, MessageJournal journal, ChatMetrics metrics, MajlisConfig config) {
        this.database = database;
        this.metrics = metrics;
        this.journal = journal;
        this.delivery = delivery;
        this.search = search;
        this.files = files;
        this.rows = rows;
        this.admission = admission;
        Duration linger = journal.active() ? config.journal().commitLinger() : config.commitLinger();
        this.writer = new GroupCommit<>("majlis-message-writer", 65_536, MAX_BATCH, linger, new GroupCommit.Batch<>() {
            @Override
            public void commit(List<Queued> batch) throws Exception {
                commitBatch(batch);
            }

            @Override
            public void failed(List<Queued> batch, Exception cause) {
                List<Draft> drafts = batch.stream().map(Queued::draft).toList(); // the writer reuses its list for the next batch
                callbacks.execute(() -> drafts.forEach(d -> d.refused().accept(new Refusal.Failed(cause))));
            }
        });
    }

    /** How long the writer waits for more messages to write with a first (while they come faster than that). */
    Duration commitLinger() {
        return writer.configuredLinger();
    }

    /** Writes what is queued and runs its callbacks (the acks go out) before returning. */
    @Override
    public void drain() {
        writer.close();
        journal.close();
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(5, TimeUnit.SECONDS)) {
                Log.warn("message deliveries were still running after 5 s of draining");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued before the datasources close (they close after ShutdownEvent observers). */
    void stop(@Observes ShutdownEvent shutdown) {
        drain();
    }

    @Override
    public void append(Draft draft) {
        if (!writer.submit(new Queued(draft, SearchText.indexed(draft.body()), System.nanoTime()))) {
            if (overflowWarning.due()) {
                Log.warn("the message store is not keeping up: messages are refused with internal");
            }
            draft.refused().accept(new Refusal.Failed(new IllegalStateException("the message store is not keeping up")));
        }
    }

    /** The callbacks are called once the transaction is over: the refusals first, then the commits in seq order. */
    private void commitBatch(List<Queued> batch) throws Exception {
        long start = System.nanoTime();
        // a guest's draft carries its session (its identity); an integration's is no guest's
        long[] waits = admission.waits(batch.stream().map(Queued::draft)
                .map(draft -> new SenderAdmission.Sender(draft.from(), draft.senderSession() != null && draft.via() == null)).toList());
        List<Refused> refused = new ArrayList<>();
        List<Written> written = journal.active() ? journal.numbering(() -> journaledOrDirect(batch, waits, refused))
                : Database.POSTGRES.equals(database.name()) && noneReadsTheStore(batch) ? inOneStatement(batch, waits, refused)
                : direct(batch, waits, refused);
        long stored = System.nanoTime();
        metrics.batchWritten(stored - start);
        batch.forEach(q -> metrics.stored(stored - q.queuedAt()));
        // the commit's acks and deliveries go out together, at once (a room's broadcast still waits for the coalescing delay)
        callbacks.execute(() -> delivery.inOneBurst(() -> {
            metrics.deliveryWaited(System.nanoTime() - stored);
            refused.forEach(r -> r.draft().refused().accept(r.refusal()));
            written.forEach(w -> w.draft().committed().accept(w.message()));
        }));
    }

    /** With the numbering locked: a batch with no reply and no files goes to the journal; another one is stored directly. */
    private List<Written> journaledOrDirect(List<Queued> batch, long[] waits, List<Refused> refused) throws SQLException {
        if (!noneReadsTheStore(batch)) {
            journal.awaitApplied(); // its seqs follow those journaled, and its reply may be one of them
            journal.forget(batch.stream().map(q -> q.draft().conversation()).toList());
            return direct(batch, waits, refused);
        }
        List<Accepted> accepted = accept(null, batch, waits, refused);
        if (accepted.isEmpty()) {
            return List.of();
        }
        List<Written> written = numbered(accepted, journal.advance(counts(accepted)));
        journal.append(rows(written)); // the journal tells search once the rows are copied
        return written;
    }

    private static boolean noneReadsTheStore(List<Queued> batch) {
        return batch.stream().map(Queued::draft).noneMatch(d -> d.replyTo() != null || d.attachments() != null && !d.attachments().isEmpty());
    }

    /**
     * On PostgreSQL, with no reply and no files to check: the admitted drafts numbered, inserted and
     * committed by one statement; those of conversations not there yet (a first direct message) in a
     * transaction after it, or refused on their own when it fails (the others are stored already).
     */
    private List<Written> inOneStatement(List<Queued> batch, long[] waits, List<Refused> refused) throws SQLException {
        List<Accepted> accepted = accept(null, batch, waits, refused);
        if (accepted.isEmpty()) {
            return List.of();
        }
        Map<String, Long> before = Sql.run(database, connection -> PostgresBatchInsert.insert(connection,
                rows(accepted.stream().map(a -> new Written(a.draft(), message(a, 0), a.words())).toList())));
        Map<ConversationId, long[]> lastSeqs = new HashMap<>();
        List<Accepted> inserted = new ArrayList<>(accepted.size());
        List<Accepted> later = new ArrayList<>();
        for (Accepted a : accepted) {
            Long seq = before.get(a.draft().conversation().key());
            (seq == null ? later : inserted).add(a);
            if (seq != null) {
                lastSeqs.putIfAbsent(a.draft().conversation(), new long[] {seq});
            }
        }
        List<Written> written = new ArrayList<>(numbered(inserted, lastSeqs));
        if (!later.isEmpty()) {
            try {
                written.addAll(Sql.transaction(database, connection -> insertNumbered(connection, later)));
            } catch (StoreException e) {
                later.forEach(a -> refused.add(new Refused(a.draft(), new Refusal.Failed(e))));
            }
        }
        return written;
    }

    /** One transaction: numbers and inserts the drafts that are admitted and whose files are accepted; adds the others to {@code refused}. */
    private List<Written> direct(List<Queued> batch, long[] waits, List<Refused> refused) {
        List<Written> written = Sql.transaction(database, connection -> {
            List<Accepted> accepted = accept(connection, batch, waits, refused);
            return accepted.isEmpty() ? List.<Written>of() : insertNumbered(connection, accepted);
        });
        search.stored(written.stream().map(w -> new MessageSearch.Entry(w.message().id(), w.words())).toList());
        return written;
    }

    private List<Written> insertNumbered(Connection connection, List<Accepted> accepted) throws SQLException {
        List<Written> numbered = numbered(accepted, ConversationSeqs.advance(connection, counts(accepted)));
        Sql.batch(connection, INSERT, rows(numbered));
        return numbered;
    }

    private static Map<ConversationId, Integer> counts(List<Accepted> accepted) {
        Map<ConversationId, Integer> counts = new HashMap<>();
        accepted.forEach(a -> counts.merge(a.draft().conversation(), 1, Integer::sum));
        return counts;
    }

    /** The accepted drafts as messages numbered after {@code lastSeqs} (advanced here). */
    private static List<Written> numbered(List<Accepted> accepted, Map<ConversationId, long[]> lastSeqs) {
        List<Written> written = new ArrayList<>(accepted.size());
        for (Accepted a : accepted) {
            written.add(new Written(a.draft(), message(a, ++lastSeqs.get(a.draft().conversation())[0]), a.words()));
        }
        return written;
    }

    private static StoredMessage message(Accepted a, long seq) {
        Draft draft = a.draft();
        ConversationId conversation = draft.conversation();
        String to = conversation.isRoom() ? null : conversation.partnerOf(Names.key(draft.from()));
        return new StoredMessage(conversation, seq, draft.id(), draft.from(), to, draft.body(), draft.sentAt(), a.attachments(), null,
                false, draft.senderSession(), a.quote(), draft.via(), false);
    }

    /** The messages' rows, in {@link #INSERT}'s columns. */
    private List<Object[]> rows(List<Written> written) {
        List<Object[]> inserts = new ArrayList<>(written.size());
        for (Written w : written) {
            StoredMessage message = w.message();
            inserts.add(new Object[] {message.conversation().key(), message.seq(), message.id(), message.from(), message.to(),
                    message.body(), message.sentAt(), Names.key(message.from()), rows.attachmentsColumn(message.attachments()),
                    message.senderSession(), w.draft().replyTo(), w.words(), w.draft().via()});
        }
        return inserts;
    }

    /**
     * The drafts that are admitted, whose reply has a message to quote and whose files are
     * accepted (bound to them), in batch order; adds the others to {@code refused}.
     */
    private List<Accepted> accept(Connection connection, List<Queued> batch, long[] waits, List<Refused> refused)
            throws SQLException {
        List<Accepted> accepted = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Draft draft = batch.get(i).draft();
            if (waits[i] > 0) {
                refused.add(new Refused(draft, new Refusal.OverLimit(waits[i])));
                continue;
            }
            Quote quote = null;
            if (draft.replyTo() != null) { // before the files: a refused draft must leave them unattached
                quote = quoteOf(connection, draft, accepted);
                if (quote == null) {
                    refused.add(new Refused(draft, new Refusal.NoSuchReply(draft.replyTo())));
                    continue;
                }
            }
            List<Attachment> attachments = List.of();
            if (draft.attachments() != null && !draft.attachments().isEmpty()) {
                switch (files.attach(connection, draft.id(), Names.key(draft.from()), draft.attachments())) {
                    case FileStore.Refused file -> {
                        refused.add(new Refused(draft, new Refusal.FileRefused(file)));
                        continue;
                    }
                    case FileStore.Bound bound -> attachments = bound.attachments();
                }
            }
            accepted.add(new Accepted(draft, batch.get(i).words(), quote, attachments));
        }
        return accepted;
    }

    /** The quote of the message a draft replies to (perhaps earlier in its own batch), or null when it has none to quote. */
    private static Quote quoteOf(Connection connection, Draft draft, List<Accepted> earlier) throws SQLException {
        for (Accepted a : earlier) {
            if (a.draft().id().equals(draft.replyTo()) && a.draft().conversation().equals(draft.conversation())) {
                return MessageRows.quote(a.draft().id(), a.draft().from(), a.draft().body(), false);
            }
        }
        return Sql.first(connection, "SELECT sender, body FROM messages WHERE id = ? AND conversation_id = ? AND deleted = FALSE",
                row -> MessageRows.quote(draft.replyTo(), row.getString(1), row.getString(2), false),
                draft.replyTo(), draft.conversation().key());
    }
}

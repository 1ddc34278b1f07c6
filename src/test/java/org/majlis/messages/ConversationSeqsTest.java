package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.Sql;
import org.majlis.store.StoreException;
import org.majlis.testing.Unique;

/** A batch's numbering: counts added in one statement, direct conversations created, writers that share the store never overlap. */
@QuarkusTest
class ConversationSeqsTest {

    @Inject
    Database database;

    @Inject
    JdbcMessageWriter writer;

    /** A journal append is one write: the writer lingers only before SQL commits (PostgreSQL; the embedded store journals). */
    @Test
    void theWriterLingersForASqlCommitAndNotForAJournalAppend() {
        Duration expected = Database.EMBEDDED.equals(database.name()) ? Duration.ZERO : Duration.ofMillis(1);
        assertEquals(expected, writer.commitLinger());
    }

    @Test
    void eachConversationGoesUpByItsCountAndADirectOneIsCreatedOnItsFirstMessage() {
        ConversationId known = direct();
        ConversationId fresh = direct();
        try {
            assertEquals(Map.of(known, 0L), seqsBefore(Map.of(known, 3)));
            assertEquals(Map.of(known, 3L, fresh, 0L), seqsBefore(Map.of(fresh, 2, known, 1)), "the new one starts at 0");
            assertEquals(Map.of(fresh, 2L), seqsBefore(Map.of(fresh, 5)));
            assertEquals(List.of(4L, 7L), List.of(lastSeq(known), lastSeq(fresh)));
        } finally {
            remove(List.of(known, fresh));
        }
    }

    @Test
    void aRoomThatIsNotThereFailsTheBatch() {
        ConversationId direct = direct();
        try {
            assertThrows(StoreException.class, () -> seqsBefore(Map.of(direct, 1, ConversationId.room(Unique.name("nowhere")), 1)));
            assertNull(lastSeq(direct), "nothing of the batch stays");
        } finally {
            remove(List.of(direct));
        }
    }

    /** Two writers (two nodes' worth) numbering the same conversations, given in opposite orders: no seq twice, none skipped, no deadlock. */
    @Test
    void concurrentBatchesOnTheSameConversationsNumberOneAfterTheOther() throws Exception {
        ConversationId one = direct();
        ConversationId two = direct();
        int batches = 200;
        try {
            List<Long> all = inTwoWriters(batches, one, two, order -> {
                Map<ConversationId, Integer> counts = new LinkedHashMap<>();
                order.forEach(conversation -> counts.put(conversation, 1));
                return seqsBefore(counts).get(one) + 1;
            });
            assertEquals(LongStream.rangeClosed(1, 2 * batches).boxed().toList(), all.stream().sorted().toList());
            assertEquals(List.of(2L * batches, 2L * batches), List.of(lastSeq(one), lastSeq(two)));
        } finally {
            remove(List.of(one, two));
        }
    }

    /**
     * Two writers, each running {@code batches} batches over the two conversations, one in the order
     * (one, two), the other in (two, one); the seqs the batches gave {@code one}, both writers' together.
     */
    static List<Long> inTwoWriters(int batches, ConversationId one, ConversationId two, Function<List<ConversationId>, Long> batch)
            throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> runs = new ArrayList<>();
            for (List<ConversationId> order : List.of(List.of(one, two), List.of(two, one))) {
                runs.add(writers.submit(() -> {
                    List<Long> seqsOfOne = new ArrayList<>();
                    for (int i = 0; i < batches; i++) {
                        seqsOfOne.add(batch.apply(order));
                    }
                    return seqsOfOne;
                }));
            }
            List<Long> all = new ArrayList<>(runs.get(0).get(60, TimeUnit.SECONDS));
            all.addAll(runs.get(1).get(60, TimeUnit.SECONDS));
            return all;
        } finally {
            writers.shutdownNow();
        }
    }

    private static ConversationId direct() {
        return ConversationId.direct(Unique.name("a"), Unique.name("b"));
    }

    private Map<ConversationId, Long> seqsBefore(Map<ConversationId, Integer> counts) {
        Map<ConversationId, Long> before = new LinkedHashMap<>();
        Sql.transaction(database, connection -> ConversationSeqs.advance(connection, counts))
                .forEach((conversation, seq) -> before.put(conversation, seq[0]));
        return before;
    }

    private Long lastSeq(ConversationId conversation) {
        return Sql.run(database, connection -> Sql.first(connection, "SELECT last_seq FROM conversations WHERE id = ?",
                row -> row.getLong(1), conversation.key()));
    }

    private void remove(List<ConversationId> conversations) {
        Sql.run(database, connection -> {
            for (ConversationId conversation : conversations) {
                Sql.update(connection, "DELETE FROM conversations WHERE id = ?", conversation.key());
            }
            return null;
        });
    }
}

package org.majlis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Messages of one conversation from several nodes go out in seq order; a gap is waited for briefly. */
class SequencerTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void laterMessagesWaitForEarlierOnesThenAGapIsGivenUp() throws Exception {
        Sequencer sequencer = new Sequencer(VERTX);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        for (long seq : new long[] {1, 3, 4, 2}) {
            sequencer.submit("r:x", seq, () -> delivered.add(seq));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), delivered, "3 and 4 waited for 2");

        sequencer.submit("r:x", 7, () -> delivered.add(7L));
        sequencer.submit("d:a/b", 1, () -> delivered.add(100L));
        assertEquals(List.of(1L, 2L, 3L, 4L, 100L), delivered, "7 waits for 5 and 6; other conversations do not");
        long start = System.currentTimeMillis();
        while (delivered.size() < 6 && System.currentTimeMillis() - start < 5000) {
            Thread.sleep(10);
        }
        assertEquals(7L, delivered.get(5), "5 and 6 never came: 7 goes out after the wait");
        assertTrue(System.currentTimeMillis() - start >= Sequencer.MAX_WAIT_MILLIS - 50);
        sequencer.submit("r:x", 5, () -> delivered.add(5L));
        assertEquals(5L, delivered.get(6), "a late one still goes out");
    }
}

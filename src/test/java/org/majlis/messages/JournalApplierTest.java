package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the applier copies, with copies an hour apart and a copy that only records what it is given (no database). */
class JournalApplierTest {

    private record Copied(int rows, long lsn) {
    }

    private final BlockingQueue<Copied> copies = new LinkedBlockingQueue<>();
    private final JournalApplier applier = new JournalApplier(0, Duration.ofHours(1), (rows, lsn) -> copies.add(new Copied(rows.size(), lsn)));

    @AfterEach
    void stop() {
        applier.close();
    }

    private static List<Object[]> rows(int count) {
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {"r:general", (long) i});
        }
        return rows;
    }

    @Test
    void aReaderHasWhatIsPendingCopiedAtOnce() throws InterruptedException {
        applier.add(rows(5), 1);
        applier.add(rows(3), 2);
        applier.awaitApplied();
        assertEquals(new Copied(8, 2), copies.poll());
        applier.awaitApplied();
        assertNull(copies.poll(100, TimeUnit.MILLISECONDS), "nothing pending: no copy");
    }

    @Test
    void closingCopiesWhatIsPending() throws InterruptedException {
        applier.add(rows(2), 7);
        applier.close();
        Copied copied = copies.poll(10, TimeUnit.SECONDS);
        assertNotNull(copied);
        assertEquals(new Copied(2, 7), copied);
    }
}

package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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

    @Test
    void aRowIsWaitingUntilItsCopyIsDone() throws InterruptedException {
        CountDownLatch copying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JournalApplier held = new JournalApplier(0, Duration.ofHours(1), (rows, lsn) -> {
            copying.countDown();
            release.await();
        });
        try {
            Predicate<Object[]> second = row -> (long) row[1] == 1;
            assertFalse(held.anyWaiting(second));
            held.add(rows(2), 1);
            assertTrue(held.anyWaiting(second), "handed over, waiting for its copy");
            assertFalse(held.anyWaiting(row -> (long) row[1] == 5));
            Thread reader = Thread.ofPlatform().start(held::awaitApplied);
            assertTrue(copying.await(10, TimeUnit.SECONDS));
            assertTrue(held.anyWaiting(second), "being copied");
            release.countDown();
            reader.join(10_000);
            assertFalse(reader.isAlive());
            assertFalse(held.anyWaiting(second), "copied");
        } finally {
            release.countDown();
            held.close();
        }
    }
}

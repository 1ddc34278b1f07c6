package org.majlis.messages;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.majlis.store.StoreException;

/**
 * Copies journaled message rows into the database on a thread of its own: all that gathered over
 * an interval in one transaction, or at once when somebody waits to read them. A failed copy is
 * tried again; the rows stay journaled meanwhile.
 */
final class JournalApplier {

    /** Past this many rows waiting, the writer waits for a copy (the journal's memory stays bounded). */
    private static final int MAX_PENDING = 65_536;
    private static final Duration READ_WAIT = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(1);

    /** Copies rows, up to and including the record numbered lsn, in one transaction. */
    @FunctionalInterface
    interface Copy {
        void copy(List<Object[]> rows, long lsn) throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long intervalNanos;
    private final Copy copy;
    private final Thread thread;
    private List<Object[]> pending = new ArrayList<>();
    /** The rows being copied: out of pending, not yet applied. */
    private List<Object[]> copying = List.of();
    private long firstPendingAt;
    private long pendingLsn;
    private long appliedLsn;
    private boolean hurry;
    private boolean stopping;

    JournalApplier(long appliedLsn, Duration interval, Copy copy) {
        this.appliedLsn = appliedLsn;
        this.pendingLsn = appliedLsn;
        this.intervalNanos = interval.toNanos();
        this.copy = copy;
        this.thread = Thread.ofPlatform().name("majlis-message-applier").daemon().start(this::run);
    }

    /** Hands over the rows of the record numbered lsn; waits while too many are waiting already. */
    void add(List<Object[]> rows, long lsn) {
        lock.lock();
        try {
            while (pending.size() >= MAX_PENDING && !stopping) {
                hurry = true;
                changed.signalAll();
                changed.awaitUninterruptibly();
            }
            if (pending.isEmpty()) {
                firstPendingAt = System.nanoTime();
                changed.signalAll(); // the applier waits without a deadline while nothing is pending
            }
            pending.addAll(rows);
            pendingLsn = lsn;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once every row handed over so far is copied; fails after half a minute. */
    void awaitApplied() {
        lock.lock();
        try {
            long target = pendingLsn;
            long left = READ_WAIT.toNanos();
            while (appliedLsn < target) {
                if (left <= 0) {
                    throw new StoreException(new IllegalStateException("the messages journaled are not in the database after " + READ_WAIT));
                }
                hurry = true;
                changed.signalAll();
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a row handed over and not yet copied (waiting, or being copied) passes the test; does
     * not wait. The rows are tested outside the lock, which every append takes: the waiting ones
     * as copied under it, and the rows in copy, which nobody changes any more.
     */
    boolean anyWaiting(Predicate<Object[]> test) {
        Object[] waiting;
        List<Object[]> inCopy;
        lock.lock();
        try {
            waiting = pending.toArray();
            inCopy = copying;
        } finally {
            lock.unlock();
        }
        return Arrays.stream(waiting).anyMatch(row -> test.test((Object[]) row)) || inCopy.stream().anyMatch(test);
    }

    private boolean due() {
        return !pending.isEmpty() && (hurry || stopping || System.nanoTime() - firstPendingAt >= intervalNanos);
    }

    private void run() {
        while (true) {
            List<Object[]> rows;
            long lsn;
            lock.lock();
            try {
                while (!due()) {
                    if (stopping) {
                        return;
                    }
                    if (pending.isEmpty()) {
                        changed.await();
                    } else {
                        changed.awaitNanos(firstPendingAt + intervalNanos - System.nanoTime());
                    }
                }
                rows = pending;
                copying = rows;
                lsn = pendingLsn;
                pending = new ArrayList<>(rows.size()); // about as many in the next interval
                hurry = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (!copyUntilDone(rows, lsn)) {
                return;
            }
            lock.lock();
            try {
                appliedLsn = lsn;
                copying = List.of();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Tries until the copy succeeds; false when stopping first (the rows stay journaled for the next start). */
    private boolean copyUntilDone(List<Object[]> rows, long lsn) {
        while (true) {
            try {
                copy.copy(rows, lsn);
                return true;
            } catch (Exception e) {
                Log.errorf(e, "failed to copy %d journaled messages into the database; trying again in %s", rows.size(), RETRY);
            }
            lock.lock();
            try {
                if (stopping || changed.await(RETRY.toMillis(), TimeUnit.MILLISECONDS) && stopping) {
                    return false;
                }
            } catch (InterruptedException e) {
                return false;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Copies what is waiting, then stops the thread. */
    void close() {
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

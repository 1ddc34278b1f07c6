package org.majlis.messages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The changes handed to the search indexer and not yet written (or failed): what a search may have
 * to wait for. Changes count by identity, since two may be equal. Searches match them outside the
 * lock, on a copy, so that the indexer and the message writer handing it work never wait for a match.
 */
final class UnindexedChanges {

    /** Guards {@link #changes}; notified whenever some leave. */
    private final Object lock = new Object();
    private final Set<IndexChange> changes = Collections.newSetFromMap(new IdentityHashMap<>());

    void add(IndexChange change) {
        synchronized (lock) {
            changes.add(change);
        }
    }

    /** The changes are written, or will never be: they no longer hold a search back. */
    void remove(List<IndexChange> done) {
        synchronized (lock) {
            done.forEach(changes::remove);
            lock.notifyAll();
        }
    }

    /** The unwritten changes that could add a hit for a search whose text test is {@code searchText}. */
    List<IndexChange> mayAddHit(Predicate<String> searchText) {
        List<IndexChange> now;
        synchronized (lock) {
            now = new ArrayList<>(changes);
        }
        now.removeIf(change -> !change.mayAddHit(searchText));
        return now;
    }

    /** Blocking: true once none of {@code awaited} is unwritten; false if that takes longer than the timeout. */
    boolean awaitWritten(List<IndexChange> awaited, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long left;
            while (awaited.stream().anyMatch(changes::contains)) {
                if ((left = deadline - System.nanoTime()) <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return true;
    }
}

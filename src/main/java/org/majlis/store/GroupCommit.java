package org.majlis.store;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit: one writer thread takes everything queued since its last commit and hands it to
 * the batch as one unit, so a burst of writes costs one transaction instead of one each. When
 * items come one at a time, but faster than one per linger, the writer waits up to the linger for
 * more before it commits (adaptive group commit): a steady stream shares commits, while a lone
 * item, or one of a slow trickle, is written at once.
 */
public final class GroupCommit<T> {

    /** Writes a batch in one transaction; on failure nothing of it may count as written. */
    public interface Batch<T> {
        void commit(List<T> items) throws Exception;

        void failed(List<T> items, Exception cause);
    }

    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final Batch<T> batch;
    private final long lingerNanos;
    private final Thread writer;
    private volatile boolean stopping;
    private final AtomicLong submitted = new AtomicLong();
    /** Guards {@link #written}; the writer notifies on it after each batch. */
    private final Object progress = new Object();
    /** Items written or failed so far. */
    private long written;
    /** Threads in {@link #awaitWritten}: while there are any, the writer does not linger. */
    private final AtomicInteger waiters = new AtomicInteger();
    /** The time between items, smoothed over batches; only the writer thread touches it and the two below. */
    private long meanGapNanos;
    private long lastWrite;
    private int lastBatchSize;

    /**
     * @param linger how long the writer waits for more items after the first one when they have been
     *               coming faster than that, so that a steady stream of writes shares commits (each
     *               commit costs far more than a row); zero never waits
     */
    public GroupCommit(String name, int capacity, int maxBatch, Duration linger, Batch<T> batch) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.batch = batch;
        this.lingerNanos = linger.toNanos();
        this.meanGapNanos = 2 * lingerNanos;
        this.writer = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        this.writer.start();
    }

    /** How long the writer waits for more items while they come faster than that (zero: never). */
    public Duration configuredLinger() {
        return Duration.ofNanos(lingerNanos);
    }

    /** Queues an item; false when the queue is full (the store is not keeping up) or stopping. */
    public boolean submit(T item) {
        if (stopping || !queue.offer(item)) {
            return false;
        }
        submitted.incrementAndGet();
        if (lingerNanos > 0 && queue.size() >= maxBatch - 1) {
            LockSupport.unpark(writer); // a full batch need not linger
        }
        return true;
    }

    /**
     * Whether more than one item is due within the linger: the items of the last batch over the time
     * since it was written, smoothed. A quiet spell counts as at most two lingers, so that a new
     * burst is recognised after a few commits.
     */
    private boolean itemsComeFasterThanTheLinger() {
        if (lingerNanos == 0 || lastBatchSize == 0) {
            return false;
        }
        long gap = Math.min((System.nanoTime() - lastWrite) / lastBatchSize, 2 * lingerNanos);
        meanGapNanos += (gap - meanGapNanos) / 2;
        return meanGapNanos < lingerNanos;
    }

    /**
     * Waits for more items until a linger after the last write began (so a steady stream is written
     * at most once per linger, and a batch that took longer to write waits for nothing) or until the
     * queue holds the rest of a full batch, which is when {@link #submit} unparks it. It parks
     * instead of waiting on the queue, whose every item put in would wake the writer (a futex call
     * on both sides) for the one batch.
     */
    private void linger() {
        long deadline = lastWrite + lingerNanos;
        long left;
        while (queue.size() < maxBatch - 1 && (left = deadline - System.nanoTime()) > 0 && !stopping && waiters.get() == 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void run() {
        List<T> items = new ArrayList<>(maxBatch);
        while (!stopping || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                queue.drainTo(items, maxBatch - 1);
                if (items.size() < maxBatch && itemsComeFasterThanTheLinger()) {
                    linger();
                    queue.drainTo(items, maxBatch - items.size());
                }
                lastWrite = System.nanoTime();
                lastBatchSize = items.size();
                write(items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } finally {
                items.clear();
            }
        }
    }

    private void write(List<T> items) {
        try {
            batch.commit(items);
        } catch (Exception e) {
            Log.errorf(e, "failed to write a batch of %d", items.size());
            batch.failed(items, e);
        }
        synchronized (progress) {
            written += items.size();
            progress.notifyAll();
        }
    }

    /**
     * Blocking: returns true once every item submitted before the call is written (or has failed),
     * the writer not lingering meanwhile; false if that takes longer than the timeout.
     */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        long target = submitted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        waiters.incrementAndGet();
        try {
            LockSupport.unpark(writer); // out of its linger
            synchronized (progress) {
                long left;
                while (written < target) {
                    if ((left = deadline - System.nanoTime()) <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                }
            }
            return true;
        } finally {
            waiters.decrementAndGet();
        }
    }

    /** Writes what is queued, then stops the writer. */
    public void close() {
        stopping = true;
        LockSupport.unpark(writer); // out of its linger
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

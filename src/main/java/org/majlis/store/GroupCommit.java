package org.majlis.store;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** Set by {@link #hurry}: the next batch, or the one lingering, is written without lingering. */
    private final AtomicBoolean hurried = new AtomicBoolean();
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
        while (queue.size() < maxBatch - 1 && (left = deadline - System.nanoTime()) > 0 && !stopping && !hurried.get()) {
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
                // taken before the drain: what a hurry so far was for is queued, so it is in this batch
                boolean hurry = hurried.getAndSet(false);
                queue.drainTo(items, maxBatch - 1);
                if (!hurry && items.size() < maxBatch && itemsComeFasterThanTheLinger()) {
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
    }

    /**
     * Ends the writer's linger: what is queued now is written in the next commit without waiting
     * for more (for a reader that waits for it).
     */
    public void hurry() {
        hurried.set(true);
        LockSupport.unpark(writer);
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

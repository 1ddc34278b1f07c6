package org.majlis.store;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: one writer thread takes everything queued since its last commit and hands it to
 * the batch as one unit, so a burst of writes costs one transaction instead of one each.
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

    /**
     * @param linger how long the writer waits for more items after the first one, so that a steady
     *               trickle of writes still shares commits (each commit costs far more than a row)
     */
    public GroupCommit(String name, int capacity, int maxBatch, Duration linger, Batch<T> batch) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.batch = batch;
        this.lingerNanos = linger.toNanos();
        this.writer = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        this.writer.start();
    }

    /** Queues an item; false when the queue is full (the store is not keeping up) or stopping. */
    public boolean submit(T item) {
        return !stopping && queue.offer(item);
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
                long deadline = System.nanoTime() + lingerNanos;
                long left;
                while (items.size() < maxBatch && (left = deadline - System.nanoTime()) > 0) {
                    T next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    items.add(next);
                    queue.drainTo(items, maxBatch - items.size());
                }
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

    /** Writes what is queued, then stops the writer. */
    public void close() {
        stopping = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.majlis.store;

import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
    private final Thread writer;
    private volatile boolean stopping;

    public GroupCommit(String name, int capacity, int maxBatch, Batch<T> batch) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.batch = batch;
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
                T first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                queue.drainTo(items, maxBatch - 1);
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

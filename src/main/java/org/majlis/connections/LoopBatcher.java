package org.majlis.connections;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * All delivery to the connections of one event loop. Frames from any thread are queued and
 * written in one task on the loop; every connection written to is flushed once at the end, so a
 * burst of messages costs one flush per connection, not one per message.
 */
final class LoopBatcher implements Runnable {

    /** A frame for one connection (or all when target is null), or an action to run once what came before is flushed. */
    private record Item(Frame frame, Outbox target, boolean releasesHold, Runnable afterFlush) {
    }

    private final EventExecutor loop;
    private final Queue<Item> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ArrayList<Outbox> members = new ArrayList<>();
    private final ArrayList<Outbox> toFlush = new ArrayList<>();
    private final ArrayList<Runnable> afterFlush = new ArrayList<>();
    private final LongConsumer framesWritten;
    private boolean running;

    private final long coalesceNanos;

    LoopBatcher(EventExecutor loop, LongConsumer framesWritten, long coalesceNanos) {
        this.loop = loop;
        this.framesWritten = framesWritten;
        this.coalesceNanos = coalesceNanos;
    }

    EventExecutor loop() {
        return loop;
    }

    /** Queues a frame (already retained for this batcher) for one connection, or for all members when target is null. */
    void submit(Frame frame, Outbox target, boolean releasesHold) {
        queue.offer(new Item(frame, target, releasesHold, null));
        schedule();
    }

    /** Runs the action on the loop once every frame submitted before it has been written and flushed. */
    void afterFlush(Runnable action) {
        queue.offer(new Item(null, null, false, action));
        schedule();
    }

    /** Called on the loop by a connection written to outside a batch run (a reply from a handler). */
    void flushLater(Outbox outbox) {
        toFlush.add(outbox);
        if (!running) {
            schedule();
        }
    }

    /** Adds a logged-in connection to the loop's broadcast list; runs on the loop, in order with deliveries. */
    void join(Outbox outbox) {
        onLoop(() -> {
            if (outbox.memberIndex < 0) {
                outbox.memberIndex = members.size();
                members.add(outbox);
            }
        });
    }

    void leave(Outbox outbox) {
        onLoop(() -> {
            outbox.dropHeld();
            int index = outbox.memberIndex;
            if (index < 0) {
                return;
            }
            Outbox last = members.remove(members.size() - 1);
            if (last != outbox) {
                members.set(index, last);
                last.memberIndex = index;
            }
            outbox.memberIndex = -1;
        });
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /**
     * Runs the batch soon. Waiting a little (the coalescing delay) lets the messages of one store
     * commit, which arrive microseconds apart, go out in one write per connection instead of one each.
     */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            if (coalesceNanos > 0) {
                loop.schedule(this, coalesceNanos, TimeUnit.NANOSECONDS);
            } else {
                loop.execute(this);
            }
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        running = true;
        long written = 0;
        Item item;
        while ((item = queue.poll()) != null) {
            if (item.afterFlush() != null) {
                afterFlush.add(item.afterFlush());
                continue;
            }
            try {
                if (item.target() == null) {
                    for (int i = 0, n = members.size(); i < n; i++) {
                        members.get(i).write(item.frame(), false);
                    }
                    written += members.size();
                } else {
                    item.target().write(item.frame(), item.releasesHold());
                    written++;
                }
            } finally {
                item.frame().release();
            }
        }
        for (int i = 0; i < toFlush.size(); i++) {
            toFlush.get(i).flush();
        }
        toFlush.clear();
        running = false;
        framesWritten.accept(written);
        for (int i = 0; i < afterFlush.size(); i++) {
            afterFlush.get(i).run();
        }
        afterFlush.clear();
    }
}

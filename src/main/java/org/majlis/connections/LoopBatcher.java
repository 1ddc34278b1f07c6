package org.majlis.connections;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * All delivery to the connections of one event loop. Frames from any thread are queued and
 * written in one task on the loop; every connection written to is flushed once at the end, so a
 * burst of messages costs one flush per connection, not one per message.
 */
final class LoopBatcher implements Runnable {

    /** A frame for one connection (or all when target is null), or an action to run once what came before is flushed. */
    private record Item(Frame frame, Outbox target, boolean releasesHold, Runnable afterFlush) {
    }

    /** The batchers a burst queued on (a handful: one per event loop), and those it broadcast on. */
    private record Burst(ArrayList<LoopBatcher> touched, ArrayList<LoopBatcher> broadcasting) {
    }

    /** This thread's burst in progress (see {@link #inOneBurst}); null outside one. */
    private static final ThreadLocal<Burst> BURST = new ThreadLocal<>();

    private final EventExecutor loop;
    private final Queue<Item> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** A run without the coalescing delay is queued on the loop (see {@link #inOneBurst}). */
    private final AtomicBoolean runNowQueued = new AtomicBoolean();
    private final ArrayList<Outbox> members = new ArrayList<>();
    private final ArrayList<Outbox> toFlush = new ArrayList<>();
    private final ArrayList<Runnable> afterFlush = new ArrayList<>();
    private final LongConsumer framesWritten;
    private boolean running;

    private final long coalesceNanos;
    private final LongSupplier clock;
    /** When the last run ended, by the clock: the next waits only until the coalescing delay has passed since. */
    private volatile long lastRunEndNanos;

    LoopBatcher(EventExecutor loop, LongConsumer framesWritten, long coalesceNanos) {
        this(loop, framesWritten, coalesceNanos, System::nanoTime);
    }

    /** With the clock (nanoseconds) the coalescing delay is measured on. */
    LoopBatcher(EventExecutor loop, LongConsumer framesWritten, long coalesceNanos, LongSupplier clock) {
        this.loop = loop;
        this.framesWritten = framesWritten;
        this.coalesceNanos = coalesceNanos;
        this.clock = clock;
        this.lastRunEndNanos = clock.getAsLong() - coalesceNanos;
    }

    EventExecutor loop() {
        return loop;
    }

    /** Queues a frame (already retained for this batcher) for one connection, or for all members when target is null. */
    void submit(Frame frame, Outbox target, boolean releasesHold) {
        queue.offer(new Item(frame, target, releasesHold, null));
        schedule(target == null);
    }

    /**
     * Runs handOver, which queues frames from this thread that belong together (one store
     * commit's deliveries and acks, whose senders wait for them). When it returns, each batcher it
     * queued on runs once, at once, instead of after the coalescing delay; except where it
     * broadcast: several commits a millisecond to a busy room still share one write per
     * connection, the fan-out's CPU being what a node's size is bought with.
     */
    static void inOneBurst(Runnable handOver) {
        if (BURST.get() != null) {
            handOver.run(); // already in one: the outer burst sends it all
            return;
        }
        Burst burst = new Burst(new ArrayList<>(), new ArrayList<>());
        BURST.set(burst);
        try {
            handOver.run();
        } finally {
            BURST.remove();
            for (LoopBatcher batcher : burst.touched()) {
                if (burst.broadcasting().contains(batcher)) {
                    batcher.schedule(true);
                } else {
                    batcher.runNow();
                }
            }
        }
    }

    private void runNow() {
        if (runNowQueued.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    /** Runs the action on the loop once every frame submitted before it has been written and flushed. */
    void afterFlush(Runnable action) {
        queue.offer(new Item(null, null, false, action));
        schedule(false);
    }

    /** Called on the loop by a connection written to outside a batch run (a reply from a handler). */
    void flushLater(Outbox outbox) {
        toFlush.add(outbox);
        if (!running) {
            schedule(false);
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
     * Runs the batch soon, or when the thread's burst ends: at once when the loop's last run ended
     * the coalescing delay ago or earlier, else when it has. Deliveries that arrive microseconds
     * apart (another node's messages, presence, typing) go out in one write per connection instead
     * of one each, and the first after a quiet spell does not wait (waiting a whole delay after
     * each would add it to every ack behind a room's message). Measured from the run's end, not
     * its start, so that runs longer than the delay do not follow each other without a pause.
     */
    private void schedule(boolean broadcast) {
        Burst burst = BURST.get();
        if (burst != null) {
            if (!burst.touched().contains(this)) {
                burst.touched().add(this);
            }
            if (broadcast && !burst.broadcasting().contains(this)) {
                burst.broadcasting().add(this);
            }
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            long wait = coalesceNanos - (clock.getAsLong() - lastRunEndNanos);
            if (wait > 0) {
                loop.schedule(this, wait, TimeUnit.NANOSECONDS);
            } else {
                loop.execute(this);
            }
        }
    }

    @Override
    public void run() {
        // A run drains the whole queue, so it stands for the delayed run and the immediate one alike;
        // the other, if still pending, finds little or nothing left.
        scheduled.set(false);
        runNowQueued.set(false);
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
        lastRunEndNanos = clock.getAsLong();
        for (int i = 0; i < afterFlush.size(); i++) {
            afterFlush.get(i).run();
        }
        afterFlush.clear();
    }
}

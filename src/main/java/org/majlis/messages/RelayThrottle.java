package org.majlis.messages;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * At most one relay per key (a user in a conversation) per interval. A value offered within the
 * interval is not lost: it is merged with what is already waiting and sent when the interval ends.
 */
public final class RelayThrottle<V> {

    private final class Slot {
        long lastSentMillis;
        V pending;
        Consumer<V> send;
        boolean scheduled;
    }

    /** Runs a task after a delay: Vert.x' timer in the server, a queue run by hand in unit tests. */
    @FunctionalInterface
    interface Later {
        void run(long delayMillis, Runnable task);
    }

    private final Later later;
    private final LongSupplier clock;
    private final long intervalMillis;
    private final BinaryOperator<V> merge;
    private final Map<String, Slot> slots = new HashMap<>();

    public RelayThrottle(Vertx vertx, long intervalMillis, BinaryOperator<V> merge) {
        this((delay, task) -> vertx.setTimer(delay, id -> task.run()), System::currentTimeMillis, intervalMillis, merge);
        vertx.setPeriodic(60_000, id -> sweep());
    }

    /** With its own timer and clock (milliseconds), for tests that do not wait. */
    RelayThrottle(Later later, LongSupplier clock, long intervalMillis, BinaryOperator<V> merge) {
        this.later = later;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.merge = merge;
    }

    public void offer(String key, V value, Consumer<V> send) {
        long now = clock.getAsLong();
        synchronized (slots) {
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            if (!slot.scheduled && now - slot.lastSentMillis >= intervalMillis) {
                slot.lastSentMillis = now;
            } else {
                slot.pending = slot.pending == null ? value : merge.apply(slot.pending, value);
                slot.send = send;
                if (!slot.scheduled) {
                    slot.scheduled = true;
                    later.run(Math.max(1, slot.lastSentMillis + intervalMillis - now), () -> flush(key));
                }
                return;
            }
        }
        send.accept(value);
    }

    private void flush(String key) {
        V value;
        Consumer<V> send;
        synchronized (slots) {
            Slot slot = slots.get(key);
            value = slot.pending;
            send = slot.send;
            slot.pending = null;
            slot.send = null;
            slot.scheduled = false;
            slot.lastSentMillis = clock.getAsLong();
        }
        send.accept(value);
    }

    /** Forgets slots idle for longer than the interval: they behave like new ones. */
    private void sweep() {
        long now = clock.getAsLong();
        synchronized (slots) {
            slots.values().removeIf(slot -> !slot.scheduled && now - slot.lastSentMillis >= intervalMillis);
        }
    }
}

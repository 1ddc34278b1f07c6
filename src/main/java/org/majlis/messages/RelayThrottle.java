package org.majlis.messages;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

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

    private final Vertx vertx;
    private final long intervalMillis;
    private final BinaryOperator<V> merge;
    private final Map<String, Slot> slots = new HashMap<>();

    public RelayThrottle(Vertx vertx, long intervalMillis, BinaryOperator<V> merge) {
        this.vertx = vertx;
        this.intervalMillis = intervalMillis;
        this.merge = merge;
        vertx.setPeriodic(60_000, id -> sweep());
    }

    public void offer(String key, V value, Consumer<V> send) {
        long now = System.currentTimeMillis();
        synchronized (slots) {
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            if (!slot.scheduled && now - slot.lastSentMillis >= intervalMillis) {
                slot.lastSentMillis = now;
            } else {
                slot.pending = slot.pending == null ? value : merge.apply(slot.pending, value);
                slot.send = send;
                if (!slot.scheduled) {
                    slot.scheduled = true;
                    vertx.setTimer(Math.max(1, slot.lastSentMillis + intervalMillis - now), id -> flush(key));
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
            slot.lastSentMillis = System.currentTimeMillis();
        }
        send.accept(value);
    }

    /** Forgets slots idle for longer than the interval: they behave like new ones. */
    private void sweep() {
        long now = System.currentTimeMillis();
        synchronized (slots) {
            slots.values().removeIf(slot -> !slot.scheduled && now - slot.lastSentMillis >= intervalMillis);
        }
    }
}

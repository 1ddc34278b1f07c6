package org.majlis.cluster;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps each conversation's messages in {@code seq} order on this node, whichever node stored
 * them: a message that arrives ahead of a missing one waits for it, at most {@link #MAX_WAIT_MILLIS}
 * (then it goes out, and the client fills the gap with {@code history}). Messages from this node
 * and from Redis both pass through here.
 */
final class Sequencer {

    static final long MAX_WAIT_MILLIS = 250;
    private static final long IDLE_MILLIS = 60_000;

    private static final class Conversation {
        long last;
        long touched;
        final TreeMap<Long, Runnable> waiting = new TreeMap<>();
        boolean timerSet;
    }

    private final Vertx vertx;
    private final Map<String, Conversation> conversations = new HashMap<>();

    Sequencer(Vertx vertx) {
        this.vertx = vertx;
        vertx.setPeriodic(IDLE_MILLIS, id -> sweep());
    }

    /** Runs {@code deliver} once every earlier seq of the conversation has been delivered here (or waited for). */
    void submit(String conversationKey, long seq, Runnable deliver) {
        synchronized (conversations) {
            Conversation c = conversations.computeIfAbsent(conversationKey, k -> new Conversation());
            c.touched = System.currentTimeMillis();
            if (c.last == 0 || seq <= c.last + 1) {
                c.last = Math.max(c.last, seq);
                run(deliver);
                drain(c);
                return;
            }
            c.waiting.put(seq, deliver);
            if (!c.timerSet) {
                c.timerSet = true;
                vertx.setTimer(MAX_WAIT_MILLIS, id -> giveUp(conversationKey));
            }
        }
    }

    /** The gap did not fill in time: deliver what waits, in order. */
    private void giveUp(String conversationKey) {
        synchronized (conversations) {
            Conversation c = conversations.get(conversationKey);
            c.timerSet = false;
            c.waiting.forEach((seq, deliver) -> {
                c.last = Math.max(c.last, seq);
                run(deliver);
            });
            c.waiting.clear();
        }
    }

    private static void drain(Conversation c) {
        while (!c.waiting.isEmpty() && c.waiting.firstKey() <= c.last + 1) {
            Map.Entry<Long, Runnable> next = c.waiting.pollFirstEntry();
            c.last = Math.max(c.last, next.getKey());
            run(next.getValue());
        }
    }

    /** One failed delivery must not hold back the conversation's next messages. */
    private static void run(Runnable deliver) {
        try {
            deliver.run();
        } catch (RuntimeException e) {
            Log.error("a delivery failed", e);
        }
    }

    private void sweep() {
        long idleSince = System.currentTimeMillis() - IDLE_MILLIS;
        synchronized (conversations) {
            conversations.values().removeIf(c -> c.waiting.isEmpty() && c.touched < idleSince);
        }
    }
}

package org.majlis.connections;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Requests of one connection that run one at a time, in order (each is handed the callback that
 * starts the next). A connection cannot hold many results in memory at once by asking for many
 * before reading any. Used on the connection's event loop only.
 */
public final class SerialQueue {

    private final int maxWaiting;
    /** Made when a first request has to wait: most connections never queue one (an empty deque is 0.1 KiB). */
    private ArrayDeque<Consumer<Runnable>> waiting;
    private boolean running;

    public SerialQueue(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /** Runs the task now or after those before it; false (and nothing queued) when too many wait. */
    public boolean submit(Consumer<Runnable> task) {
        if (running) {
            if (waiting == null) {
                waiting = new ArrayDeque<>();
            }
            if (waiting.size() >= maxWaiting) {
                return false;
            }
            waiting.add(task);
            return true;
        }
        running = true;
        task.accept(this::next);
        return true;
    }

    private void next() {
        Consumer<Runnable> task = waiting == null ? null : waiting.poll();
        if (task == null) {
            running = false;
        } else {
            task.accept(this::next);
        }
    }
}

package org.majlis.connections;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.majlis.config.MajlisConfig;
import org.majlis.metrics.ChatMetrics;

/**
 * Local fan-out: hands frames to the per-event-loop batchers. A broadcast costs one queue entry
 * per event loop, whatever the number of recipients.
 */
@ApplicationScoped
public class Delivery {

    private final Map<EventExecutor, LoopBatcher> byLoop = new ConcurrentHashMap<>();
    private final List<LoopBatcher> batchers = new CopyOnWriteArrayList<>();
    private final ChatMetrics metrics;
    private final long pendingLimit;
    private final long coalesceNanos;
    private final OutboundBudget budget;
    private final long closeGraceMillis;

    public Delivery(ChatMetrics metrics, OutboundBudget budget, MajlisConfig config) {
        this.metrics = metrics;
        this.budget = budget;
        this.closeGraceMillis = config.closeGrace().toMillis();
        this.pendingLimit = config.outboundBufferLimit();
        this.coalesceNanos = config.deliveryCoalesce().toNanos();
    }

    /** The outbox of a newly opened connection; overflow is called once if the client stops reading. */
    public Outbox open(ChannelCapture.Upgraded upgraded, Runnable onOverflow) {
        ChannelHandlerContext ctx = upgraded.channel();
        LoopBatcher batcher = byLoop.computeIfAbsent(ctx.executor(), loop -> {
            LoopBatcher created = new LoopBatcher(loop, metrics::framesOut, coalesceNanos);
            batchers.add(created);
            return created;
        });
        return new Outbox(ctx, batcher, pendingLimit, budget::underPressure, closeGraceMillis, onOverflow);
    }

    /** From now on the connection receives broadcasts. */
    public void join(Outbox outbox) {
        outbox.batcher.join(outbox);
    }

    public void leave(Outbox outbox) {
        outbox.batcher.leave(outbox);
    }

    /** Sends the frame to every joined connection of this node and releases it. */
    public void broadcast(Frame frame) {
        try {
            for (LoopBatcher batcher : batchers) {
                batcher.submit(frame.retain(), null, false);
            }
        } finally {
            frame.release();
        }
    }

    /**
     * Runs handOver; what it sends from this thread goes out as soon as it returns instead of
     * after the coalescing delay, on the event loops it broadcast nothing to (see
     * {@link LoopBatcher#inOneBurst}).
     */
    public void inOneBurst(Runnable handOver) {
        LoopBatcher.inOneBurst(handOver);
    }

    /** Sends the frame to each of the outboxes and releases it. */
    public void send(Frame frame, Iterable<Outbox> outboxes) {
        try {
            for (Outbox outbox : outboxes) {
                outbox.send(frame);
            }
        } finally {
            frame.release();
        }
    }
}

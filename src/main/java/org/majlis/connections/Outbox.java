package org.majlis.connections;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The write side of one connection, below the framework: frames are written to the Netty channel
 * without a flush, and its {@link LoopBatcher} flushes each connection once per batch. Only the
 * connection's event loop touches the non-final fields.
 */
public final class Outbox {

    final ChannelHandlerContext ctx;
    final LoopBatcher batcher;
    private final ChannelPromise ignoreResult;
    private final long pendingLimit;
    /** Whether the process is over its outbound memory budget ({@link OutboundBudget}). */
    private final BooleanSupplier underPressure;
    private final long closeGraceMillis;
    private final Runnable onOverflow;

    boolean flushRequested;
    /** Position in the batcher's broadcast list, or -1 when not logged in. */
    int memberIndex = -1;
    /** Set once the connection overflowed or is being closed: nothing more is written or encoded for it. */
    private volatile boolean closing;
    /**
     * Frames are complete bytes: without TLS no handler has anything to add, so they go straight to
     * the channel's outbound buffer instead of walking the pipeline (a measurable share per delivery).
     */
    private final boolean direct;
    /** Frames that arrived between login and welcome, sent right after the welcome. */
    private ArrayList<Frame> held;

    Outbox(ChannelHandlerContext ctx, LoopBatcher batcher, long pendingLimit, BooleanSupplier underPressure,
            long closeGraceMillis, Runnable onOverflow) {
        this.ctx = ctx;
        this.batcher = batcher;
        this.pendingLimit = pendingLimit;
        this.underPressure = underPressure;
        this.closeGraceMillis = closeGraceMillis;
        this.onOverflow = onOverflow;
        this.ignoreResult = new VoidChannelPromise(ctx.channel(), false);
        this.direct = ctx.pipeline().get(SslHandler.class) == null;
    }

    /** Sends one frame to this connection alone; callable from any thread. */
    public void send(Frame frame) {
        batcher.submit(frame.retain(), this, false);
    }

    /** Runs the action on the loop once everything sent to this connection so far has been written and flushed. */
    public void afterPending(Runnable action) {
        batcher.afterFlush(action);
    }

    /** Whether frames for this connection are still written: false once it overflowed or is closing. */
    public boolean accepting() {
        return !closing && ctx.channel().isActive();
    }

    /**
     * The connection is being closed (its close frame is on the way): nothing more is written, and
     * the channel itself is closed after the grace period even if the close frame never gets out
     * (a client that stopped reading would otherwise keep its unread bytes in memory for ever).
     */
    public void closing() {
        if (closing) {
            return;
        }
        closing = true;
        ctx.executor().schedule(() -> {
            if (ctx.channel().isOpen()) {
                ctx.channel().close();
            }
        }, closeGraceMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * From now until {@link #sendReleasingHold} every frame for this connection waits, so that
     * deliveries that race with a login's database work come after its welcome. On the loop.
     */
    public void hold() {
        dropHeld();
        held = new ArrayList<>();
    }

    /** Sends the frame, then everything held since {@link #hold}. */
    public void sendReleasingHold(Frame frame) {
        batcher.submit(frame.retain(), this, true);
    }

    /** Releases frames still held when the connection goes away. On the loop. */
    void dropHeld() {
        if (held != null) {
            held.forEach(Frame::release);
            held = null;
        }
    }

    void write(Frame frame, boolean releasesHold) {
        if (held != null) {
            if (!releasesHold) {
                held.add(frame.retain());
                return;
            }
            ArrayList<Frame> waiting = held;
            held = null;
            write(frame, false);
            for (Frame f : waiting) {
                write(f, false);
                f.release();
            }
            return;
        }
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        if (direct) {
            ctx.channel().unsafe().write(frame.forWrite(), ignoreResult);
        } else {
            ctx.write(frame.forWrite(), ignoreResult);
        }
        if (!flushRequested) {
            flushRequested = true;
            batcher.flushLater(this);
        }
    }

    /**
     * Flushes, then closes the connection if what it has not read yet exceeds the limit: the
     * configured one, or a much smaller one while the process' outbound memory is over its budget.
     */
    void flush() {
        flushRequested = false;
        if (direct) {
            ctx.channel().unsafe().flush();
        } else {
            ctx.flush();
        }
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        long limit = underPressure.getAsBoolean() ? Math.min(pendingLimit, OutboundBudget.PRESSURE_LIMIT) : pendingLimit;
        if (!closing && pending != null && pending.totalPendingWriteBytes() > limit) {
            closing();
            onOverflow.run();
        }
    }
}

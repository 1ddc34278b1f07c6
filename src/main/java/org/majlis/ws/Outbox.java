package org.majlis.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;

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
    private final Runnable onOverflow;

    boolean flushRequested;
    /** Position in the batcher's broadcast list, or -1 when not logged in. */
    int memberIndex = -1;
    private boolean overflowed;
    /**
     * Frames are complete bytes: without TLS no handler has anything to add, so they go straight to
     * the channel's outbound buffer instead of walking the pipeline (a measurable share per delivery).
     */
    private final boolean direct;
    /** Frames that arrived between login and welcome, sent right after the welcome. */
    private ArrayList<Frame> held;

    Outbox(ChannelHandlerContext ctx, LoopBatcher batcher, long pendingLimit, Runnable onOverflow) {
        this.ctx = ctx;
        this.batcher = batcher;
        this.pendingLimit = pendingLimit;
        this.onOverflow = onOverflow;
        this.ignoreResult = new VoidChannelPromise(ctx.channel(), false);
        this.direct = ctx.pipeline().get(SslHandler.class) == null;
    }

    /** Sends one frame to this connection alone; callable from any thread. */
    public void send(Frame frame) {
        batcher.submit(frame.retain(), this, false);
    }

    /**
     * From now until {@link #sendReleasingHold} every frame for this connection waits, so that
     * deliveries that race with a login's database work come after its welcome. On the loop.
     */
    public void hold() {
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
        if (overflowed || !ctx.channel().isActive()) {
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

    /** Flushes, then closes the connection if what it has not read yet exceeds the limit. */
    void flush() {
        flushRequested = false;
        if (direct) {
            ctx.channel().unsafe().flush();
        } else {
            ctx.flush();
        }
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        if (!overflowed && pending != null && pending.totalPendingWriteBytes() > pendingLimit) {
            overflowed = true;
            onOverflow.run();
        }
    }
}

package org.majlis.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The outbox's bookkeeping of frames, on an embedded channel (no server). */
class OutboxTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final Outbox outbox = new Outbox(channel.pipeline().firstContext(),
            new LoopBatcher(channel.eventLoop(), written -> { }, 0), 1 << 20, () -> false, 1000, () -> { });

    @Test
    void framesHeldForALoginThatFailedAreReleasedWhenTheNextLoginHolds() {
        ByteBuf bytes = Unpooled.buffer().writeBytes(new byte[] {(byte) 0x81, 0});
        Frame frame = new Frame(bytes);
        outbox.hold();
        outbox.write(frame, false);
        assertEquals(2, bytes.refCnt(), "held: the outbox keeps its own reference");
        outbox.hold(); // a second login on the connection after the first failed
        assertEquals(1, bytes.refCnt(), "the frames of the first hold are released");
        frame.release();
    }

    @Test
    void aClosingOutboxWritesNothingMore() {
        ByteBuf bytes = Unpooled.buffer().writeBytes(new byte[] {(byte) 0x81, 0});
        Frame frame = new Frame(bytes);
        outbox.closing();
        outbox.write(frame, false);
        channel.runPendingTasks();
        Object written = channel.readOutbound();
        assertNull(written);
        assertEquals(1, bytes.refCnt(), "nothing kept for a connection that is closing");
        frame.release();
    }
}

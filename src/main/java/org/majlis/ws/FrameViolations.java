package org.majlis.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/**
 * Answers a frame the decoder refuses (over the size limit: 1009, malformed: 1002) with a close
 * frame carrying that code. Vert.x would drop the TCP connection without saying why.
 */
@Sharable
final class FrameViolations extends ChannelInboundHandlerAdapter {

    static final FrameViolations INSTANCE = new FrameViolations();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException broken) {
            ctx.writeAndFlush(new CloseWebSocketFrame(broken.closeStatus())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}

package org.majlis.connections;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.majlis.protocol.CloseCodes;

/**
 * The RFC 6455 checks of one connection, between the frame decoder and the framework: a message
 * over the size limit, even in fragments (1009), reserved bits with no extension agreed (1002),
 * a text message that is not UTF-8 (1007), and whatever the decoder refuses (its own code). Each
 * is answered with a close frame carrying the code, and nothing more is read. Vert.x would drop
 * the TCP connection without saying why, or hand the framework an error it can only log.
 */
final class FrameViolations extends ChannelInboundHandlerAdapter {


    private final int maxMessageSize;
    /** With per-message compression agreed, frames are still compressed here: only the decoder's checks apply. */
    private final boolean compressed;
    private final Utf8Validator utf8 = new Utf8Validator();
    private int messageSize;
    private boolean text;
    private boolean violated;

    FrameViolations(int maxMessageSize, boolean compressed) {
        this.maxMessageSize = maxMessageSize;
        this.compressed = compressed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (violated) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof WebSocketFrame frame && !compressed) {
            int code = violation(frame);
            if (code != 0) {
                frame.release();
                close(ctx, code, "frame refused");
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException broken) {
            close(ctx, broken.closeStatus().code(), broken.closeStatus().reasonText());
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /** The close code the frame calls for, or 0 when it is fine. */
    private int violation(WebSocketFrame frame) {
        if (frame.rsv() != 0) {
            return CloseCodes.PROTOCOL_ERROR;
        }
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            messageSize = 0;
            text = frame instanceof TextWebSocketFrame;
            utf8.reset();
        } else if (!(frame instanceof ContinuationWebSocketFrame)) {
            return 0; // ping, pong and close frames are not parts of a message
        }
        messageSize += frame.content().readableBytes();
        if (messageSize > maxMessageSize) {
            return CloseCodes.TOO_BIG;
        }
        if (text && !(utf8.feed(frame.content()) && (!frame.isFinalFragment() || utf8.complete()))) {
            return CloseCodes.INVALID_DATA;
        }
        return 0;
    }

    private void close(ChannelHandlerContext ctx, int code, String reason) {
        violated = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }
}

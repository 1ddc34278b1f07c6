package org.majlis.connections;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.majlis.limits.ClientAddress;

/**
 * The one place that reaches below WebSockets Next: before the upgrade, it keeps the Netty context
 * of the HTTP connection (the same one the WebSocket then uses) in the connection's user data, so
 * that {@link Outbox} can write a batch of frames with one flush (the framework flushes each frame),
 * and adds {@link FrameViolations} to the pipeline. It also keeps the client's address. Once the
 * connection is open, {@link #opened} takes them out of the user data, the HTTP idle timeout leaves
 * the pipeline and the upgrade's headers are let go.
 */
@ApplicationScoped
public class ChannelCapture implements HttpUpgradeCheck {

    private static final TypedKey<Upgraded> UPGRADED = new TypedKey<>("majlis.upgraded");

    /** What the upgrade leaves an opened connection: its Netty context, the client's address, the request's headers. */
    public record Upgraded(ChannelHandlerContext channel, String address, MultiMap headers) {
    }

    private final int maxMessageSize;
    private final boolean compression;

    public ChannelCapture(@ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") int maxMessageSize,
            @ConfigProperty(name = "quarkus.websockets-next.server.per-message-compression-supported") boolean compression) {
        this.maxMessageSize = maxMessageSize;
        this.compression = compression;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (!(context.httpRequest().connection() instanceof ConnectionBase connection)) {
            return CheckResult.rejectUpgrade(500);
        }
        ChannelHandlerContext ctx = connection.channelHandlerContext();
        if (ctx.pipeline().get(FrameViolations.class) == null) {
            ctx.pipeline().addBefore(ctx.name(), "majlis-frame-violations", new FrameViolations(maxMessageSize, compression));
        }
        context.userData().put(UPGRADED, new Upgraded(ctx, ClientAddress.of(context.httpRequest()), context.httpRequest().headers()));
        return CheckResult.permitUpgrade();
    }

    /**
     * An open WebSocket goes without the HTTP idle timeout: {@link ConnectionReaper}'s pings and
     * dead-client timeout watch it instead, in one sweep, where the idle handler kept a timer for
     * each connection (about 0.2 KiB of heap each). And without the upgrade request's headers, which
     * Vert.x keeps with the WebSocket for its life although websockets-next has its own copy (the
     * handshake request's) and Majlis read what it needs in the upgrade checks.
     */
    public static Upgraded opened(WebSocketConnection connection) {
        Upgraded upgraded = connection.userData().remove(UPGRADED);
        ChannelHandlerContext ctx = upgraded.channel();
        if (ctx.pipeline().get(IdleStateHandler.class) != null) {
            ctx.pipeline().remove(IdleStateHandler.class);
        }
        upgraded.headers().clear();
        return upgraded;
    }
}

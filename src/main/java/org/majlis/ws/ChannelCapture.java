package org.majlis.ws;

import io.netty.channel.ChannelHandlerContext;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.auth.Identity;
import org.majlis.auth.TokenService;

/**
 * The one place that reaches below WebSockets Next: before the upgrade, it keeps the Netty context
 * of the HTTP connection (the same one the WebSocket then uses) in the connection's user data, so
 * that {@link Outbox} can write a batch of frames with one flush (the framework flushes each frame),
 * and adds {@link FrameViolations} to the pipeline. A bearer token on the upgrade request is
 * verified here too (401 when invalid), and the connection logs in as soon as it opens.
 */
@ApplicationScoped
public class ChannelCapture implements HttpUpgradeCheck {

    static final TypedKey<ChannelHandlerContext> CHANNEL = new TypedKey<>("majlis.channel");
    static final TypedKey<Identity> BEARER = new TypedKey<>("majlis.bearer");
    private static final String BEARER_PREFIX = "Bearer ";

    private final TokenService tokens;

    public ChannelCapture(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String authorization = context.httpRequest().getHeader("Authorization");
        if (authorization != null) {
            Identity identity = authorization.startsWith(BEARER_PREFIX)
                    ? tokens.verify(authorization.substring(BEARER_PREFIX.length()).trim()) : null;
            if (identity == null) {
                return CheckResult.rejectUpgrade(401);
            }
            context.userData().put(BEARER, identity);
        }
        if (context.httpRequest().connection() instanceof ConnectionBase connection) {
            ChannelHandlerContext ctx = connection.channelHandlerContext();
            if (ctx.pipeline().get(FrameViolations.class) == null) {
                ctx.pipeline().addBefore(ctx.name(), "majlis-frame-violations", FrameViolations.INSTANCE);
            }
            context.userData().put(CHANNEL, ctx);
            return CheckResult.permitUpgrade();
        }
        return CheckResult.rejectUpgrade(500);
    }
}

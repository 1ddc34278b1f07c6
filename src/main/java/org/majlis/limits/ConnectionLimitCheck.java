package org.majlis.limits;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses the upgrade when the client's address is banned (403) or has its maximum of open
 * connections (429). The
 * TCP connection is counted here, before the upgrade completes, and released when it closes,
 * whatever happens in between (another check refusing, the client going away mid-handshake).
 */
@ApplicationScoped
public class ConnectionLimitCheck implements HttpUpgradeCheck {

    static final int TOO_MANY_REQUESTS = 429;
    static final int FORBIDDEN = 403;
    private static final AttributeKey<String> COUNTED = AttributeKey.valueOf("majlis.counted-address");

    private final Limits limits;
    private final ServerPolicy policy;

    public ConnectionLimitCheck(Limits limits, ServerPolicy policy) {
        this.limits = limits;
        this.policy = policy;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (!(context.httpRequest().connection() instanceof ConnectionBase connection)) {
            return CheckResult.rejectUpgrade(500);
        }
        Channel channel = connection.channel();
        if (channel.hasAttr(COUNTED)) {
            return CheckResult.permitUpgrade(); // a second upgrade request on a connection already counted
        }
        String address = ClientAddress.of(context.httpRequest());
        if (policy.addressBanned(address)) {
            return CheckResult.rejectUpgrade(FORBIDDEN);
        }
        if (!limits.tryConnect(address)) {
            return CheckResult.rejectUpgrade(TOO_MANY_REQUESTS);
        }
        channel.attr(COUNTED).set(address);
        channel.closeFuture().addListener(closed -> limits.disconnected(address));
        return CheckResult.permitUpgrade();
    }
}

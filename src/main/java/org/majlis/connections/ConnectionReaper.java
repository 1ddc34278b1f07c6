package org.majlis.connections;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.majlis.config.MajlisConfig;
import org.majlis.protocol.CloseCodes;

/**
 * Pings connections and closes those that hold a slot without being used, in one sweep of all
 * connections (a timer per connection costs each one its heap). A connection that has sent nothing
 * for {@code majlis.ping-interval} gets a WebSocket ping. A client gone without a close frame (a
 * dropped network, a sleeping laptop) has sent nothing at all, not even a pong to those pings, for
 * {@code majlis.dead-client-timeout}: 1001, and its user goes offline like any other. A connection
 * still not logged in after {@code majlis.login-timeout}, or whose token expired: 1008.
 */
@ApplicationScoped
public class ConnectionReaper {

    private final OpenConnections connections;
    private final Vertx vertx;
    private final long pingMillis;
    private final long deadMillis;
    private final long loginMillis;
    private final long tokenMillis;

    public ConnectionReaper(OpenConnections connections, Vertx vertx, MajlisConfig config) {
        this.connections = connections;
        this.vertx = vertx;
        this.pingMillis = config.pingInterval().toMillis();
        this.deadMillis = config.deadClientTimeout().toMillis();
        this.loginMillis = config.loginTimeout().toMillis();
        this.tokenMillis = config.jwt().expiry().toMillis();
    }

    /** A few sweeps within the shortest of the timeouts (one timer for all connections, none of their own). */
    void start(@Observes StartupEvent start) {
        long shortest = Math.min(Math.min(pingMillis, deadMillis), Math.min(loginMillis, tokenMillis));
        vertx.setPeriodic(Math.max(100, shortest / 4), id -> reap());
    }

    private void reap() {
        long now = System.currentTimeMillis();
        for (WebSocketConnection connection : connections) {
            Session session = connection.userData().get(Session.KEY);
            if (session == null) {
                continue;
            }
            if (now - session.lastHeardMillis() > deadMillis) {
                session.close(CloseCodes.GOING_AWAY, "no answer to pings: reconnect");
            } else if (session.user() == null && now - session.openedMillis() > loginMillis) {
                session.close(CloseCodes.POLICY, "log in within " + loginMillis / 1000 + " s of connecting");
            } else if (session.expiresAtMillis() > 0 && now >= session.expiresAtMillis()) {
                session.close(CloseCodes.POLICY, "session expired: log in again");
            } else if (now - session.lastHeardMillis() >= pingMillis) {
                // until its pong comes (a silent client is pinged at each sweep: a few pings before it counts as gone)
                connection.sendPing(Buffer.buffer()).subscribe().with(sent -> { }, unsent -> { });
            }
        }
    }
}

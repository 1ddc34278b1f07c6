package org.majlis.ws;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.majlis.config.MajlisConfig;

/**
 * Closes connections whose client has gone without a close frame (a dropped network, a sleeping
 * laptop): every client answers the server's pings, so one that has sent nothing at all for
 * {@code majlis.dead-client-timeout} is not there any more. Its user goes offline like any other.
 */
@ApplicationScoped
public class DeadClientReaper {

    public static final int CLOSE_GOING_AWAY = 1001;

    private final OpenConnections connections;
    private final Vertx vertx;
    private final long timeoutMillis;

    public DeadClientReaper(OpenConnections connections, Vertx vertx, MajlisConfig config) {
        this.connections = connections;
        this.vertx = vertx;
        this.timeoutMillis = config.deadClientTimeout().toMillis();
    }

    void start(@Observes StartupEvent start) {
        vertx.setPeriodic(Math.max(100, timeoutMillis / 4), id -> reap());
    }

    private void reap() {
        long now = System.currentTimeMillis();
        for (WebSocketConnection connection : connections) {
            Session session = connection.userData().get(ChatSocket.SESSION);
            if (session != null && now - session.lastHeardMillis() > timeoutMillis) {
                session.close(CLOSE_GOING_AWAY, "no answer to pings: reconnect");
            }
        }
    }
}

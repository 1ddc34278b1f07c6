package org.majlis.metrics;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Says which socket transport the server runs on: Netty's native epoll when its native library
 * loaded (Linux x86_64, {@code quarkus.vertx.prefer-native-transport}), else Java NIO. One line at
 * startup and the gauge {@code majlis_transport_native} (1 for epoll), so that a deployment can
 * tell whether the faster transport is really in use.
 */
@ApplicationScoped
public class SocketTransport {

    private final Vertx vertx;
    private final ChatMetrics metrics;

    public SocketTransport(Vertx vertx, ChatMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    void report(@Observes StartupEvent start) {
        boolean epoll = vertx.isNativeTransportEnabled();
        metrics.gauge("majlis.transport.native", "1 when sockets run on Netty's native epoll transport, 0 on Java NIO",
                () -> epoll ? 1 : 0);
        if (epoll) {
            Log.info("socket transport: native epoll");
        } else {
            Throwable why = vertx.unavailableNativeTransportCause();
            Log.infof("socket transport: Java NIO%s", why == null ? "" : " (native epoll unavailable: " + why.getMessage() + ")");
        }
    }
}

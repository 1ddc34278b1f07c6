package org.majlis.endpoint;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.NodeStopping;
import org.majlis.messages.MessageWriter;
import org.majlis.protocol.CloseCodes;

/**
 * A stopping node: readiness goes down and new upgrades are refused (503) first; after
 * {@code majlis.shutdown-delay} (time for a load balancer to notice) the message writer stores
 * and acknowledges what is queued, then every connection is closed with 1012 so that clients
 * reconnect, to another node if there is one.
 */
@Readiness
@ApplicationScoped
public class GracefulShutdown implements HttpUpgradeCheck, HealthCheck {

    private static final int SERVICE_UNAVAILABLE = 503;

    private final OpenConnections connections;
    private final MessageWriter messages;
    private final NodeStopping node;
    private final Duration delay;
    private volatile boolean draining;

    public GracefulShutdown(OpenConnections connections, MessageWriter messages, NodeStopping node, MajlisConfig config) {
        this.connections = connections;
        this.messages = messages;
        this.node = node;
        this.delay = config.shutdownDelay();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return draining ? CheckResult.rejectUpgrade(SERVICE_UNAVAILABLE) : CheckResult.permitUpgrade();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting connections").status(!draining).build();
    }

    /**
     * Runs before Quarkus stops the HTTP server (which would close connections with 1000), as the
     * shutdown delay begins ({@code quarkus.shutdown.delay-enabled=true}).
     */
    void stop(@Observes ShutdownDelayInitiatedEvent shutdown) throws InterruptedException {
        draining = true;
        node.begin();
        if (!delay.isZero()) {
            Log.infof("draining: readiness is down, closing connections in %s", delay);
            Thread.sleep(delay.toMillis());
        }
        messages.drain();
        closeConnections();
    }

    private void closeConnections() {
        List<Uni<Void>> closing = new ArrayList<>();
        for (WebSocketConnection connection : connections) {
            closing.add(connection.close(new CloseReason(CloseCodes.RESTARTING, node.reason()))
                    .onFailure().recoverWithNull());
        }
        if (!closing.isEmpty()) {
            Uni.join().all(closing).andCollectFailures().await().atMost(Duration.ofSeconds(5));
            Log.infof("closed %d connections with %d", closing.size(), CloseCodes.RESTARTING);
        }
    }
}

package org.majlis.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.majlis.config.MajlisConfig;
import org.majlis.limits.ClientAddress;
import org.majlis.limits.ConcurrencyLimit;

/**
 * Against slow clients holding the server's requests open: per client address, at most
 * {@code majlis.http.requests-per-address} requests in flight (429 beyond), and a request whose
 * body is still arriving {@code majlis.http.body-timeout} after its headers loses its connection.
 * A connection that sends nothing at all is closed by {@code quarkus.http.idle-timeout}. WebSocket
 * upgrades on {@code /ws} have their own limit (connections per address) and are left alone.
 */
@ApplicationScoped
public class InFlightRequests {

    /** Runs before the other filters (CORS is 300): a refused request costs nothing more. */
    private static final int PRIORITY = 1000;

    private final ConcurrencyLimit perAddress;
    private final long bodyTimeoutMs;
    private final Vertx vertx;

    public InFlightRequests(MajlisConfig config, Vertx vertx) {
        this.perAddress = new ConcurrencyLimit(config.http().requestsPerAddress());
        this.bodyTimeoutMs = config.http().bodyTimeout().toMillis();
        this.vertx = vertx;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals("/ws") || path.startsWith("/ws/")) {
            context.next();
            return;
        }
        String address = ClientAddress.of(context.request());
        if (!perAddress.tryAcquire(address)) {
            JsonErrors.tooMany(context.response(), "too many requests in flight from your address");
            return;
        }
        long bodyDeadline = context.request().isEnded() ? -1 : vertx.setTimer(bodyTimeoutMs, fired -> {
            if (!context.request().isEnded()) {
                context.request().connection().close();
            }
        });
        context.addEndHandler(ended -> {
            vertx.cancelTimer(bodyDeadline);
            perAddress.release(address);
        });
        context.next();
    }
}

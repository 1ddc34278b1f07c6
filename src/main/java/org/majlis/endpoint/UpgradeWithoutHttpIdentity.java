package org.majlis.endpoint;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The {@link ChatSocket} upgrade goes without Quarkus' HTTP identity. A connection is logged in by
 * Majlis itself (a bearer token on the upgrade, or the {@code login} frame), never by a
 * {@code SecurityIdentity}; yet an upgrade that carries the deferred identity makes WebSockets
 * Next keep, for the life of the connection, its security support with the upgrade's routing
 * context: the request, the response, their headers and the context's data, about 2 KiB of heap
 * per connection (performance.md, memory per connection).
 */
@ApplicationScoped
public class UpgradeWithoutHttpIdentity {

    /**
     * After Quarkus' authentication and authorization filters (orders -200 and -100: filters run at
     * minus their priority), before the endpoint's route (its order is its place among the routes, 0 or more).
     */
    private static final int ORDER = -1;

    void register(@Observes Router router) {
        router.route(ChatSocket.PATH).order(ORDER).handler(context -> {
            context.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
            context.next();
        });
    }
}

package org.majlis.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.majlis.config.MajlisConfig;

/**
 * {@code Strict-Transport-Security} on responses served over https (by this server, or by a TLS
 * proxy that says so with {@code X-Forwarded-Proto} when proxy forwarding is enabled). Over plain
 * http the header means nothing to browsers and would only mislead.
 */
@ApplicationScoped
public class StrictTransportSecurity {

    private final String value;

    public StrictTransportSecurity(MajlisConfig config) {
        this.value = "max-age=" + config.http().hstsMaxAge().toSeconds();
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 0);
    }

    private void filter(RoutingContext context) {
        if ("https".equals(context.request().scheme())) {
            context.response().putHeader("Strict-Transport-Security", value);
        }
        context.next();
    }
}

package org.majlis.auth;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.majlis.config.MajlisConfig;

/**
 * Browsers send {@code Origin}: an upgrade from a page of another site is refused with 403 unless
 * that origin is in {@code majlis.allowed-origins}. The page's own origin (same host and port as
 * the request's {@code Host}) is always allowed; clients that are not browsers send no origin.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private static final int FORBIDDEN = 403;

    private final List<String> allowed;

    public OriginCheck(MajlisConfig config) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        String host = context.httpRequest().getHeader("Host");
        return origin == null || allowed(origin, host) ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(FORBIDDEN);
    }

    boolean allowed(String origin, String host) {
        String normalized = origin.toLowerCase(Locale.ROOT);
        if (allowed.contains(normalized)) {
            return true;
        }
        try {
            // TLS may end at a proxy: the page's https origin then meets a plain request, so the scheme is not compared
            String authority = URI.create(normalized).getRawAuthority();
            return authority != null && host != null && authority.equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}

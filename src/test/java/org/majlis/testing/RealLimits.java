package org.majlis.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The abuse limits low enough to hit (the test profile otherwise raises them out of the way), for
 * the suites that hit them, behind a trusted proxy so that each test gives its requests client
 * addresses of their own (X-Forwarded-For) and empties no other test's bucket. The message limit
 * is the protocol's default; registrations and password logins per account have small buckets
 * that do not refill during a test ({@link #AUTH_BURST}).
 */
public class RealLimits implements QuarkusTestProfile {

    public static final int AUTH_BURST = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("majlis.limits.messages-per-second", "10"),
                Map.entry("majlis.limits.messages-burst", "20"),
                Map.entry("majlis.limits.logins-per-second", "2"), Map.entry("majlis.limits.logins-burst", "12"),
                Map.entry("majlis.limits.connections-per-address", "12"), Map.entry("majlis.limits.abuse-strikes", "40"),
                Map.entry("majlis.limits.registrations-per-hour", "1"),
                Map.entry("majlis.limits.registrations-burst", String.valueOf(AUTH_BURST)),
                Map.entry("majlis.limits.account-logins-per-hour", "1"),
                Map.entry("majlis.limits.account-logins-burst", String.valueOf(AUTH_BURST)),
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"));
    }
}

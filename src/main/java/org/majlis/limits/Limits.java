package org.majlis.limits;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** The abuse limits: messages per user, logins, registrations and open connections per client address. */
@ApplicationScoped
public class Limits {

    /** The node's message limit of guests ({@code true}) and of accounts, at the rates the policy has now. */
    private final Map<Boolean, RoleLimiter> messages = new ConcurrentHashMap<>();
    private final ServerPolicy policy;
    private final TokenBucketLimiter logins;
    private final TokenBucketLimiter registrations;
    private final int connectionsPerAddress;
    private final ConcurrentHashMap<String, Integer> connections = new ConcurrentHashMap<>();

    /** The count across nodes in a cluster, else {@link SharedLimit#NONE}. */
    private final SharedLimit shared;
    private static final long CLUSTER_RETRY_MILLIS = 5000;
    private volatile long clusterBypassUntil;

    /** A limiter and the rate it was made with: an administrator's new rate makes a new one. */
    private record RoleLimiter(MessageRate rate, TokenBucketLimiter limiter) {
    }

    public Limits(MajlisConfig config, Vertx vertx, SharedLimit shared, ServerPolicy policy) {
        this.shared = shared;
        this.policy = policy;
        MajlisConfig.Limits limits = config.limits();
        this.logins = new TokenBucketLimiter(limits.loginsPerSecond(), limits.loginsBurst());
        this.registrations = new TokenBucketLimiter(limits.registrationsPerHour() / 3600, limits.registrationsBurst());
        this.connectionsPerAddress = limits.connectionsPerAddress();
        vertx.setPeriodic(60_000, id -> {
            messages.values().forEach(role -> role.limiter().sweep());
            logins.sweep();
            registrations.sweep();
        });
    }

    /**
     * A send, edit or private message by the user, at the rate of its role (a guest, or an
     * account); refused with {@code rate_limited} over the limit.
     */
    public void message(String username, boolean guest) {
        MessageRate rate = policy.messageRate(guest);
        RoleLimiter role = messages.get(guest);
        if (role == null || !role.rate().equals(rate)) { // rare: a first message, or a rate an administrator changed
            role = messages.compute(guest, (g, current) -> current != null && current.rate().equals(rate) ? current
                    : new RoleLimiter(rate, new TokenBucketLimiter(rate.perSecond(), rate.burst())));
        }
        long retryAfter = role.limiter().tryAcquire(Names.key(username));
        if (retryAfter > 0) {
            throw refused(retryAfter);
        }
    }

    /**
     * Blocking. In a cluster, the same limit counted across the nodes for the sender of each item
     * (in order; a sender may appear several times): 0 or milliseconds to wait. On one node, all 0
     * ({@link #message} has counted already) and nothing else is done.
     */
    public <T> long[] clusterMessages(List<T> items, Function<T, String> sender, Predicate<T> guest) {
        long now = System.currentTimeMillis();
        if (shared == SharedLimit.NONE || now < clusterBypassUntil) {
            return new long[items.size()];
        }
        try {
            return shared.take(items.stream().map(item -> Names.key(sender.apply(item))).toList(),
                    items.stream().map(item -> policy.messageRate(guest.test(item))).toList());
        } catch (RuntimeException e) {
            // Redis away: each node's own limit still holds and chat goes on; Redis is asked again a little later
            clusterBypassUntil = now + CLUSTER_RETRY_MILLIS;
            Log.warnf("the cluster-wide message limit is unavailable (%s): only each node's own limit applies for %d ms",
                    e.toString(), CLUSTER_RETRY_MILLIS);
            return new long[items.size()];
        }
    }

    /** Blocking. {@link #clusterMessages} for one request, refused with {@code rate_limited} over the limit. */
    public void clusterMessage(String username, boolean guest) {
        long retryAfter = clusterMessages(List.of(username), Function.identity(), name -> guest)[0];
        if (retryAfter > 0) {
            throw refused(retryAfter);
        }
    }

    public static ProtocolException refused(long retryAfterMs) {
        return new ProtocolException(ErrorCode.RATE_LIMITED, "too many messages, slow down", null, retryAfterMs);
    }

    /** A WebSocket login attempt from the address; refused with {@code rate_limited} over the limit. */
    public void loginAttempt(String address) {
        long retryAfter = login(address);
        if (retryAfter > 0) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many login attempts", null, retryAfter);
        }
    }

    /** A login attempt from the address: 0 when allowed, else milliseconds to wait. */
    public long login(String address) {
        return logins.tryAcquire(address);
    }

    /** A registration from the address: 0 when allowed, else milliseconds to wait. */
    public long registration(String address) {
        return registrations.tryAcquire(address);
    }

    /**
     * Counts one more connection of the address if it has a free slot; false, and nothing counted,
     * when it has its maximum. Check and count are one atomic step, so a burst cannot overshoot.
     */
    public boolean tryConnect(String address) {
        boolean[] counted = {false};
        connections.compute(address, (a, open) -> {
            int now = open == null ? 0 : open;
            if (now >= connectionsPerAddress) {
                return open;
            }
            counted[0] = true;
            return now + 1;
        });
        return counted[0];
    }

    public void disconnected(String address) {
        connections.computeIfPresent(address, (a, open) -> open <= 1 ? null : open - 1);
    }
}

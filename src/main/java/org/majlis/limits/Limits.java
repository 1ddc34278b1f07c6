package org.majlis.limits;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.ProtocolException;

/** The abuse limits: messages per user, logins and open connections per client address. */
@ApplicationScoped
public class Limits {

    private final TokenBucketLimiter messages;
    private final TokenBucketLimiter logins;
    private final int connectionsPerAddress;
    private final ConcurrentHashMap<String, AtomicInteger> connections = new ConcurrentHashMap<>();

    public Limits(MajlisConfig config, Vertx vertx) {
        MajlisConfig.Limits limits = config.limits();
        this.messages = new TokenBucketLimiter(limits.messagesPerSecond(), limits.messagesBurst());
        this.logins = new TokenBucketLimiter(limits.loginsPerSecond(), limits.loginsBurst());
        this.connectionsPerAddress = limits.connectionsPerAddress();
        vertx.setPeriodic(60_000, id -> {
            messages.sweep();
            logins.sweep();
        });
    }

    /** A send, edit or private message by the user; refused with {@code rate_limited} over the limit. */
    public void message(String username) {
        long retryAfter = messages.tryAcquire(Names.key(username));
        if (retryAfter > 0) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many messages, slow down", null, retryAfter);
        }
    }

    /** A login attempt from the address: 0 when allowed, else milliseconds to wait. */
    public long login(String address) {
        return logins.tryAcquire(address);
    }

    /** Whether the address may open one more connection. */
    public boolean mayConnect(String address) {
        AtomicInteger open = connections.get(address);
        return open == null || open.get() < connectionsPerAddress;
    }

    public void connected(String address) {
        connections.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    }

    public void disconnected(String address) {
        connections.computeIfPresent(address, (a, open) -> open.decrementAndGet() <= 0 ? null : open);
    }
}

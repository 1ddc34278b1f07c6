package org.majlis.limits;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;

/**
 * Password logins per account, whichever addresses they come from, so that guessing spread over
 * many addresses is slowed too. An address that logged into the account within the known-address
 * memory is exempt: an attacker who drains the bucket does not lock the owner out of the devices
 * and networks it uses. Per node, in memory.
 */
@ApplicationScoped
public class AccountLoginLimit {

    private final TokenBucketLimiter attempts;
    private final long memoryMillis;
    /** A monotonic clock in nanoseconds: {@link System#nanoTime} but in unit tests. */
    private final LongSupplier nanoClock;
    /** "address key" to the time ({@link #nanoClock}) of the last successful login from that address. */
    private final ConcurrentHashMap<String, Long> knownAddresses = new ConcurrentHashMap<>();

    @Inject
    public AccountLoginLimit(MajlisConfig config, Vertx vertx) {
        this(config.limits().accountLoginsPerHour() / 3600, config.limits().accountLoginsBurst(),
                config.limits().knownAddressMemory(), System::nanoTime);
        vertx.setPeriodic(60_000, id -> sweep());
    }

    AccountLoginLimit(double perSecond, int burst, Duration knownAddressMemory, LongSupplier nanoClock) {
        this.attempts = new TokenBucketLimiter(perSecond, burst, nanoClock);
        this.memoryMillis = knownAddressMemory.toMillis();
        this.nanoClock = nanoClock;
    }

    /** A password login for the username from the address: 0 when allowed, else milliseconds to wait. */
    public long attempt(String username, String address) {
        String key = keyOf(username);
        if (key == null || known(key, address)) {
            return 0;
        }
        return attempts.tryAcquire(key);
    }

    /** The account's password was right: the address is exempt from now on. */
    public void succeeded(String username, String address) {
        knownAddresses.put(address + " " + keyOf(username), nanoClock.getAsLong());
    }

    /** Forgets full buckets and addresses whose memory has run out. */
    void sweep() {
        attempts.sweep();
        long now = nanoClock.getAsLong();
        knownAddresses.values().removeIf(lastLogin -> !remembered(lastLogin, now));
    }

    private boolean known(String key, String address) {
        Long lastLogin = knownAddresses.get(address + " " + key);
        return lastLogin != null && remembered(lastLogin, nanoClock.getAsLong());
    }

    private boolean remembered(long lastLogin, long now) {
        return (now - lastLogin) / 1_000_000 <= memoryMillis;
    }

    // names that are invalid never log in (and the per-address limit holds for them)
    private static String keyOf(String username) {
        String name = Names.normalize(username);
        return name == null ? null : Names.key(name);
    }
}

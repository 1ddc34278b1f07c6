package org.majlis.limits;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
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
    /** "address key" to the time of the last successful login from that address. */
    private final ConcurrentHashMap<String, Long> knownAddresses = new ConcurrentHashMap<>();

    public AccountLoginLimit(MajlisConfig config, Vertx vertx) {
        MajlisConfig.Limits limits = config.limits();
        this.attempts = new TokenBucketLimiter(limits.accountLoginsPerHour() / 3600, limits.accountLoginsBurst());
        this.memoryMillis = limits.knownAddressMemory().toMillis();
        vertx.setPeriodic(60_000, id -> {
            attempts.sweep();
            long oldest = System.currentTimeMillis() - memoryMillis;
            knownAddresses.values().removeIf(lastLogin -> lastLogin < oldest);
        });
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
        knownAddresses.put(address + " " + keyOf(username), System.currentTimeMillis());
    }

    private boolean known(String key, String address) {
        Long lastLogin = knownAddresses.get(address + " " + key);
        return lastLogin != null && lastLogin >= System.currentTimeMillis() - memoryMillis;
    }

    // names that are invalid never log in (and the per-address limit holds for them)
    private static String keyOf(String username) {
        String name = Names.normalize(username);
        return name == null ? null : Names.key(name);
    }
}

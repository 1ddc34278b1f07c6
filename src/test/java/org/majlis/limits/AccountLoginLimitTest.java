package org.majlis.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Password logins per account on a fake clock: the owner's known addresses are exempt for a while. */
class AccountLoginLimitTest {

    private static final int BURST = 2;

    private long nanos = 5_000_000_000L;
    /** One attempt per hour after the burst; addresses are remembered for ten minutes. */
    private final AccountLoginLimit limit = new AccountLoginLimit(1.0 / 3600, BURST, Duration.ofMinutes(10), () -> nanos);

    private void advance(long amount, TimeUnit unit) {
        nanos += unit.toNanos(amount);
    }

    /** Attempts from addresses new to the account until it is refused: at most its burst go through. */
    private void drain(String username) {
        int allowed = 0;
        while (limit.attempt(username, "203.0.113." + allowed) == 0) {
            allowed++;
            assertTrue(allowed <= BURST, allowed + " attempts allowed, the burst is " + BURST);
        }
    }

    @Test
    void attemptsFromAnyAddressesShareTheAccountsBucketWhichIgnoresCase() {
        assertEquals(0, limit.attempt("Victim", "198.51.100.1"));
        assertEquals(0, limit.attempt("victim", "198.51.100.2"));
        assertEquals(3_600_000, limit.attempt("VICTIM", "198.51.100.3"), "one attempt per hour once the burst is spent");
        assertEquals(0, limit.attempt("bystander", "198.51.100.1"), "other accounts have their own buckets");
    }

    @Test
    void anAddressTheAccountLoggedInFromIsExemptUntilItsMemoryRunsOut() {
        assertEquals(0, limit.attempt("owner", "192.0.2.7"));
        limit.succeeded("owner", "192.0.2.7");
        drain("owner");
        assertEquals(0, limit.attempt("Owner", "192.0.2.7"), "the owner's address");
        advance(10, TimeUnit.MINUTES);
        limit.sweep();
        assertEquals(0, limit.attempt("owner", "192.0.2.7"), "still remembered at the end of the memory");
        advance(1, TimeUnit.MILLISECONDS);
        assertTrue(limit.attempt("owner", "192.0.2.7") > 0, "forgotten: counted like any other address");
    }

    @Test
    void theSweepKeepsAddressesStillRemembered() {
        limit.succeeded("owner", "192.0.2.7");
        drain("owner");
        advance(5, TimeUnit.MINUTES);
        limit.sweep();
        assertEquals(0, limit.attempt("owner", "192.0.2.7"));
    }

    @Test
    void invalidNamesAreNotCountedHere() {
        for (int i = 0; i < BURST * 3; i++) {
            assertEquals(0, limit.attempt("_invalid", "203.0.113.1"), "the per-address limit holds for names that never log in");
        }
    }
}

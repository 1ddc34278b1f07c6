package org.majlis.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token buckets on a fake clock: bursts, refills, the waits they answer and the sweep. */
class TokenBucketLimiterTest {

    private static final double PER_SECOND = 10;
    private static final int BURST = 3;

    private long nanos = 1_000_000_000_000L; // an arbitrary start: only differences count
    private final TokenBucketLimiter limiter = new TokenBucketLimiter(PER_SECOND, BURST, () -> nanos);

    private void advance(long amount, TimeUnit unit) {
        nanos += unit.toNanos(amount);
    }

    private void drain(String key) {
        for (int i = 0; i < BURST; i++) {
            assertEquals(0, limiter.tryAcquire(key), "token " + (i + 1) + " of the burst");
        }
    }

    @Test
    void aNewKeyHasAFullBurstThenWaitsForTheNextToken() {
        drain("alice");
        assertEquals(100, limiter.tryAcquire("alice"), "one token every 100 ms at 10 per second");
        drain("bob"); // each key has its own bucket
    }

    @Test
    void aRefusalTakesNothingAndTokensComeBackAtTheRate() {
        drain("alice");
        advance(40_500, TimeUnit.MICROSECONDS);
        assertEquals(60, limiter.tryAcquire("alice"), "59.5 ms left, rounded up");
        assertEquals(60, limiter.tryAcquire("alice"), "a refused attempt does not take a token nor put the bucket in debt");
        advance(59_500, TimeUnit.MICROSECONDS);
        assertEquals(0, limiter.tryAcquire("alice"), "100 ms after the bucket was emptied");
        assertEquals(100, limiter.tryAcquire("alice"));
    }

    @Test
    void aBucketRefillsNoFurtherThanItsBurst() {
        drain("alice");
        advance(1, TimeUnit.HOURS);
        drain("alice");
        assertEquals(100, limiter.tryAcquire("alice"));
    }

    @Test
    void aWaitShorterThanAMillisecondIsAnsweredAsOne() {
        drain("alice");
        advance(99_999_999, TimeUnit.NANOSECONDS);
        assertEquals(1, limiter.tryAcquire("alice"), "a nanosecond short of a token: rounded up, not down to 0");
        advance(1, TimeUnit.NANOSECONDS);
        assertEquals(0, limiter.tryAcquire("alice"));
    }

    @Test
    void anAmountOverTheBurstAsksForAFullBucket() {
        assertEquals(0, limiter.tryAcquire("uploader", 10), "possible at all: a full bucket is enough");
        assertEquals(300, limiter.tryAcquire("uploader", 10), "3 tokens at 10 per second");
        advance(100, TimeUnit.MILLISECONDS);
        assertEquals(150, limiter.tryAcquire("uploader", 2.5), "2.5 tokens with 1 in the bucket: 1.5 more to wait for");
    }

    @Test
    void theSweepForgetsOnlyBucketsThatAreFullAgain() {
        assertEquals(0, limiter.tryAcquire("light"));
        drain("heavy");
        assertEquals(2, limiter.size());
        advance(100, TimeUnit.MILLISECONDS);
        limiter.sweep();
        assertEquals(1, limiter.size(), "light has refilled its one token, heavy has 1 of 3");
        advance(199, TimeUnit.MILLISECONDS);
        limiter.sweep();
        assertEquals(1, limiter.size(), "heavy is a millisecond short of full");
        assertEquals(1, limiter.tryAcquire("heavy", BURST), "and it still counts its tokens");
        advance(1, TimeUnit.MILLISECONDS);
        limiter.sweep();
        assertEquals(0, limiter.size());
        drain("heavy"); // a swept key starts again with a full bucket
        assertTrue(limiter.tryAcquire("heavy") > 0);
    }
}

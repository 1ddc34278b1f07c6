package org.majlis.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** In-process token buckets, one per key. Buckets that have refilled completely are swept away. */
public final class TokenBucketLimiter implements RateLimiter {

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final double perNano;
    private final double burst;
    /** A monotonic clock in nanoseconds: {@link System#nanoTime} but in unit tests. */
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    public TokenBucketLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    @Override
    public long tryAcquire(String key) {
        return tryAcquire(key, 1);
    }

    /**
     * Takes {@code amount} tokens for the key: 0 when allowed, else the milliseconds until they are
     * available. More than the burst asks for a full bucket, so that it is possible at all.
     */
    public long tryAcquire(String key, double amount) {
        double needed = Math.min(amount, burst);
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= needed) {
                bucket.tokens -= needed;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((needed - bucket.tokens) / perNano / 1e6));
        }
    }

    /** Forgets keys whose buckets are full again: they behave exactly like new ones. */
    public void sweep() {
        long now = nanoClock.getAsLong();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                refill(bucket, now);
                return bucket.tokens >= burst;
            }
        });
    }

    public int size() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long now) {
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedNanos) * perNano);
        bucket.updatedNanos = now;
    }
}

package org.majlis.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** At most {@code max} things at once per key (a client address); keys with none in use are forgotten. */
public final class ConcurrencyLimit {

    private final int max;
    private final ConcurrentHashMap<String, AtomicInteger> inUse = new ConcurrentHashMap<>();

    public ConcurrencyLimit(int max) {
        this.max = max;
    }

    /** Takes a slot for the key; false (and nothing taken) when all are in use. Each true needs one {@link #release}. */
    public boolean tryAcquire(String key) {
        boolean[] taken = {false};
        inUse.compute(key, (k, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < max) {
                current.incrementAndGet();
                taken[0] = true;
            }
            return current.get() == 0 ? null : current;
        });
        return taken[0];
    }

    public void release(String key) {
        inUse.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}

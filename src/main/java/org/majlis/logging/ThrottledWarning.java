package org.majlis.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning logged at most once per period: a condition that repeats many times a second (a full
 * queue, a backend away) says so without flooding the log.
 */
public final class ThrottledWarning {

    private final long periodMillis;
    private final AtomicLong lastMillis = new AtomicLong();

    public ThrottledWarning(Duration period) {
        this.periodMillis = period.toMillis();
    }

    /** Whether the caller may log now: the first time, then once per period, from whichever thread asks first. */
    public boolean due() {
        long now = System.currentTimeMillis();
        long last = lastMillis.get();
        return now - last >= periodMillis && lastMillis.compareAndSet(last, now);
    }
}

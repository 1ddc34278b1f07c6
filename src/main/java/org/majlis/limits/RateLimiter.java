package org.majlis.limits;

/** Allows a number of actions per key and second, with bursts. */
public interface RateLimiter {

    /** Takes one token for the key: 0 when allowed, else the milliseconds until one is available. */
    long tryAcquire(String key);
}

package org.majlis.limits;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A message limit: tokens per second and the bucket's size. */
@RegisterForReflection
public record MessageRate(double perSecond, int burst) {

    /** The most an administrator may set (the tests' configuration is a million: no limit). */
    public static final double MAX_PER_SECOND = 1_000_000;
    public static final int MAX_BURST = 1_000_000;

    /** Whether an administrator may set it. */
    public boolean valid() {
        return Double.isFinite(perSecond) && perSecond > 0 && perSecond <= MAX_PER_SECOND && burst >= 1 && burst <= MAX_BURST;
    }
}

package org.majlis.connections;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.majlis.config.MajlisConfig;

/**
 * The process-wide budget of outbound memory. Frames waiting for slow clients live in pooled
 * direct memory; many connections each under their own limit could still exhaust it. The pool's
 * use is sampled a few times a second; while it is over the budget, every connection may leave at
 * most {@link #PRESSURE_LIMIT} unread, so the slowest readers are closed first and the rest go on.
 */
@Singleton // no client proxy: every flush of every connection asks it
public class OutboundBudget {

    /** What a connection may leave unread while the process is over its budget. */
    public static final long PRESSURE_LIMIT = 64 * 1024;
    private static final long SAMPLE_MILLIS = 100;

    private final Vertx vertx;
    private final long budget;
    private volatile boolean underPressure;

    public OutboundBudget(Vertx vertx, MajlisConfig config) {
        this.vertx = vertx;
        this.budget = config.outboundMemoryBudget().isPresent() ? config.outboundMemoryBudget().get().asLongValue()
                : PlatformDependent.maxDirectMemory() / 2;
    }

    void start(@Observes StartupEvent start) {
        vertx.setPeriodic(SAMPLE_MILLIS, id -> sample());
    }

    private void sample() {
        boolean over = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() > budget;
        if (over != underPressure) {
            underPressure = over;
            if (over) {
                Log.warnf("outbound memory is over its budget of %d bytes: readers are closed at %d bytes unread",
                        budget, PRESSURE_LIMIT);
            } else {
                Log.infof("outbound memory is back under its budget of %d bytes", budget);
            }
        }
    }

    public boolean underPressure() {
        return underPressure;
    }
}

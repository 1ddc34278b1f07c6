package org.majlis.files;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Deletes, every hour, files nobody can reach any more: uploads never attached within a day,
 * and attachments of messages that were deleted or removed by retention.
 */
@ApplicationScoped
public class FileSweeper {

    static final Duration UNATTACHED_FOR = Duration.ofDays(1);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final FileStore files;
    private final Vertx vertx;

    public FileSweeper(FileStore files, Vertx vertx) {
        this.files = files;
        this.vertx = vertx;
    }

    void schedule(@Observes StartupEvent start) {
        vertx.setPeriodic(INTERVAL.toMillis(), id -> vertx.executeBlocking(() -> files.sweep(UNATTACHED_FOR.toMillis()), false)
                .onFailure(e -> Log.warn("sweeping unreachable files failed; it is tried again in an hour", e)));
    }
}

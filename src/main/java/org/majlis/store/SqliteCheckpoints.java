package org.majlis.store;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.majlis.config.MajlisConfig;
import org.majlis.logging.ThrottledWarning;

/**
 * Checkpoints of the embedded store, off the writers' threads. SQLite copies its write-ahead log
 * back into the database file in a checkpoint, with two fsyncs (about 10 ms on these machines). Left
 * to itself, it runs one inside whichever commit takes the log past 1,000 pages, which is one of
 * the message writer's, and every message queued behind that commit waits for the disk. The
 * connections are opened with {@code wal_autocheckpoint=0}, and this thread checkpoints instead,
 * every {@code majlis.checkpoint-interval}: PASSIVE, which neither waits for nor blocks a writer.
 *
 * <p>A PASSIVE checkpoint cannot finish while commits keep coming, and only a finished one lets the
 * next commit write the log from its start again: under a steady load the log would grow without
 * end. So once it holds {@link #RESTART_FRAMES} pages, a RESTART checkpoint waits for the commit in
 * flight, copies the little that PASSIVE left, and the log starts over: the writer waits once per
 * 64 MiB of log instead of once per 4 MiB. Durability is SQLite's as before: a commit is in the log.
 */
@ApplicationScoped
class SqliteCheckpoints {

    /** 64 MiB of 4 KiB pages: a log this long is restarted (see above). */
    static final int RESTART_FRAMES = 16_384;
    private static final int RESTART_WAIT_MILLIS = 100;

    private final Database database;
    private final long intervalMillis;
    private ScheduledExecutorService thread;
    private final ThrottledWarning failureWarning = new ThrottledWarning(Duration.ofMinutes(1));

    SqliteCheckpoints(Database database, MajlisConfig config) {
        this.database = database;
        this.intervalMillis = config.checkpointInterval().toMillis();
    }

    void start(@Observes StartupEvent start) {
        if (!Database.EMBEDDED.equals(database.name())) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("majlis-sqlite-checkpoint").daemon().factory());
        thread.scheduleWithFixedDelay(this::checkpoint, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops before the datasource closes (it closes after ShutdownEvent observers); closing checkpoints the rest. */
    void stop(@Observes ShutdownEvent shutdown) {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkpoint() {
        try {
            Sql.run(database, connection -> {
                checkpoint(connection, RESTART_FRAMES);
                return null;
            });
        } catch (RuntimeException e) { // the next one tries again; the log only grows meanwhile
            if (failureWarning.due()) {
                Log.warnf(e, "a checkpoint of the embedded store failed");
            }
        }
    }

    /** One round on {@code connection}: PASSIVE, then RESTART when the log holds {@code restartFrames} pages or more. */
    static void checkpoint(Connection connection, int restartFrames) throws SQLException {
        int logFrames = Sql.first(connection, "PRAGMA wal_checkpoint(PASSIVE)", row -> row.getInt(2));
        if (logFrames < restartFrames) {
            return;
        }
        // RESTART holds new writers back while it waits for readers: not for the 30 s a writer may wait
        int busyTimeout = Sql.first(connection, "PRAGMA busy_timeout", row -> row.getInt(1));
        Sql.first(connection, "PRAGMA busy_timeout = " + RESTART_WAIT_MILLIS, row -> row.getInt(1));
        try {
            Sql.first(connection, "PRAGMA wal_checkpoint(RESTART)", row -> row.getInt(1)); // busy: the next round tries again
        } finally {
            Sql.first(connection, "PRAGMA busy_timeout = " + busyTimeout, row -> row.getInt(1));
        }
    }
}

package org.majlis.store;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.majlis.config.MajlisConfig;

/**
 * Checkpoints of the embedded store, off the writers' threads. SQLite copies its write-ahead log
 * back into the database file in a checkpoint, with two fsyncs (about 10 ms on these machines). Left
 * to itself, it runs one inside whichever commit takes the log past 1,000 pages, which is one of
 * the message writer's, and every message queued behind that commit waits for the disk. The
 * connections are opened with {@code wal_autocheckpoint=0}, and this thread checkpoints instead:
 * PASSIVE, which neither waits for nor blocks a writer or reader, every
 * {@code majlis.checkpoint-interval}. Durability is SQLite's as before: a commit is in the log.
 */
@ApplicationScoped
class SqliteCheckpoints {

    private final Database database;
    private final long intervalMillis;
    private ScheduledExecutorService thread;
    private volatile long lastFailureWarning;

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
            Sql.run(database, connection -> Sql.first(connection, "PRAGMA wal_checkpoint(PASSIVE)", row -> row.getInt(1)));
        } catch (RuntimeException e) { // the next one tries again; the log only grows meanwhile
            long now = System.currentTimeMillis();
            if (now - lastFailureWarning > 60_000) {
                lastFailureWarning = now;
                Log.warnf(e, "a checkpoint of the embedded store failed");
            }
        }
    }
}

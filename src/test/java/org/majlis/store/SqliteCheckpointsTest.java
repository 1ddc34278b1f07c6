package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.majlis.config.MajlisConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store's commits never checkpoint; its checkpoint thread does. What is committed
 * reaches {@code majlis.db} itself (a copy of the file without its write-ahead log holds it) on its
 * own, although far fewer than the 1,000 pages that would make SQLite checkpoint inside a commit.
 */
@QuarkusTest
class SqliteCheckpointsTest {

    private static final int ROWS = 100;

    @Inject
    Database database;
    @Inject
    MajlisConfig config;

    @Test
    void noCommitCheckpointsButTheLogReachesTheFile() throws Exception {
        int autoCheckpoint = Sql.run(database, connection -> Sql.first(connection, "PRAGMA wal_autocheckpoint", row -> row.getInt(1)));
        assertEquals(0, autoCheckpoint, "pages of log after which a commit checkpoints (0: never)");

        String table = "checkpoint_probe_" + System.nanoTime();
        Sql.run(database, connection -> Sql.update(connection, "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY)"));
        Path copies = Files.createTempDirectory("checkpoint-");
        try {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                rows.add(new Object[] {i});
            }
            Sql.transaction(database, connection -> {
                Sql.batch(connection, "INSERT INTO " + table + " (id) VALUES (?)", rows);
                return null;
            });
            long deadline = System.currentTimeMillis() + 10_000;
            int inFile;
            while ((inFile = rowsInTheFileAlone(copies, table)) < ROWS && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(ROWS, inFile, "rows of the committed batch in majlis.db itself within 10 s");
        } finally {
            Sql.run(database, connection -> Sql.update(connection, "DROP TABLE " + table));
            deleteTree(copies);
        }
    }

    /**
     * A PASSIVE checkpoint never finishes while commits keep coming, and the log only starts over
     * after one that did: without the RESTART past {@code restartFrames} it would grow by all that is
     * committed. On a file of its own, a writer committing all the time, a checkpoint every 10 ms.
     */
    @Test
    void underSteadyCommitsTheLogStartsOverInsteadOfGrowing() throws Exception {
        Path dir = Files.createTempDirectory("checkpoint-log-");
        SQLiteDataSource file = new SQLiteDataSource();
        file.setUrl("jdbc:sqlite:" + dir.resolve("t.db") + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=30000&wal_autocheckpoint=0");
        int restartFrames = 256;
        long restartBytes = restartFrames * 4096L;
        long enoughCommits = 20L * restartFrames; // each writes a page or more of log
        try (Connection writer = file.getConnection(); Connection checkpointer = file.getConnection()) {
            Sql.update(writer, "CREATE TABLE t (n INTEGER, filler TEXT)");
            AtomicLong commits = new AtomicLong();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread committing = Thread.ofPlatform().start(() -> {
                try {
                    while (writing.get()) {
                        Sql.update(writer, "INSERT INTO t (n, filler) VALUES (?, ?)", commits.incrementAndGet(), "x".repeat(3000));
                        LockSupport.parkNanos(200_000); // about 5,000 commits a second, as the benchmark's private messages
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.currentTimeMillis() + 20_000;
            while (commits.get() < enoughCommits && System.currentTimeMillis() < deadline) {
                SqliteCheckpoints.checkpoint(checkpointer, restartFrames);
                Thread.sleep(10);
            }
            writing.set(false);
            committing.join();
            long log = Files.size(dir.resolve("t.db-wal"));
            assertTrue(commits.get() >= enoughCommits, "only " + commits.get() + " commits in 20 s");
            assertTrue(log < 8 * restartBytes, "a log of " + log + " bytes after " + commits.get() + " commits of a 3,000-byte row");
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The table's rows in a copy of majlis.db made without its log; -1 when the copy does not have it (yet). */
    private int rowsInTheFileAlone(Path copies, String table) throws Exception {
        Path copy = Files.copy(config.dataDir().resolve("majlis.db"), copies.resolve(System.nanoTime() + ".db"));
        // the driver itself, not DriverManager: the Quarkus tests of the same JVM registered it from another class loader
        SQLiteDataSource file = new SQLiteDataSource();
        file.setUrl("jdbc:sqlite:" + copy);
        try (Connection connection = file.getConnection()) {
            Integer count = Sql.first(connection, "SELECT COUNT(*) FROM " + table, row -> row.getInt(1));
            return count == null ? -1 : count;
        } catch (SQLException notThereYet) { // no such table, or a copy taken in the middle of a checkpoint
            return -1;
        } finally {
            try (var files = Files.list(copies)) {
                files.forEach(path -> path.toFile().delete());
            }
        }
    }
}

package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
            try (var files = Files.walk(copies)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
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
        }
    }
}

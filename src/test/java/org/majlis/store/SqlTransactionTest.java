package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.majlis.testing.ServerProcess;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * {@link Sql#inTransaction} on SQLite as the server opens it (WAL, transactions begun IMMEDIATE):
 * once a transaction is over, its connection is in auto-commit mode and holds no write lock, though it
 * is still open (not yet given back to a pool), without having begun and ended an empty write
 * transaction on the way, and its next transaction takes the lock at its start again.
 */
class SqlTransactionTest {

    private Path dir;
    private Connection first;
    /** Waits for no lock: a write while another connection holds the write lock fails at once. */
    private Connection second;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("sql-transaction-");
        first = open(30_000);
        second = open(0);
        Sql.update(first, "CREATE TABLE t (n INTEGER)");
    }

    /** As the server's datasource opens it; the data source's settings, not the URL's, are the ones it applies. */
    private Connection open(int busyTimeoutMillis) throws SQLException {
        // the driver itself, not DriverManager: the Quarkus tests of the same JVM registered it from another class loader
        SQLiteDataSource file = new SQLiteDataSource();
        file.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        file.setJournalMode("WAL");
        file.setSynchronous("NORMAL");
        file.setTransactionMode("IMMEDIATE");
        file.setBusyTimeout(busyTimeoutMillis);
        return file.getConnection();
    }

    @AfterEach
    void close() throws Exception {
        first.close();
        second.close();
        ServerProcess.delete(dir);
    }

    @Test
    void aCommittedTransactionLeavesNoLockAndTheNextOneTakesItAgain() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        first.unwrap(SQLiteConnection.class).addCommitListener(new SQLiteCommitListener() {
            @Override
            public void onCommit() {
                commits.incrementAndGet();
            }

            @Override
            public void onRollback() {
            }
        });

        Sql.inTransaction(first, c -> Sql.update(c, "INSERT INTO t VALUES (1)"));

        assertTrue(first.getAutoCommit());
        // a write transaction begun after it (IMMEDIATE) would be committed too, empty, on the way back to auto-commit
        assertEquals(1, commits.get(), "write transactions committed");
        assertEquals(1, Sql.update(second, "INSERT INTO t VALUES (2)"), "the other connection writes without waiting");

        first.setAutoCommit(false); // begins the next transaction: IMMEDIATE, so it holds the write lock from here
        try {
            SQLException busy = assertThrows(SQLException.class, () -> Sql.update(second, "INSERT INTO t VALUES (3)"));
            assertTrue(busy.getMessage().contains("SQLITE_BUSY"), busy.getMessage());
        } finally {
            first.rollback();
            first.setAutoCommit(true);
        }
        assertEquals(Long.valueOf(2), Sql.first(second, "SELECT COUNT(*) FROM t", row -> row.getLong(1)));
    }

    @Test
    void aFailedTransactionIsRolledBackAndLeavesNoLock() throws Exception {
        IllegalStateException failure = new IllegalStateException("refused");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Sql.inTransaction(first, c -> {
            Sql.update(c, "INSERT INTO t VALUES (1)");
            throw failure;
        }));

        assertEquals(failure, thrown);
        assertTrue(first.getAutoCommit());
        assertEquals(1, Sql.update(second, "INSERT INTO t VALUES (2)"), "the other connection writes without waiting");
        assertEquals(Long.valueOf(1), Sql.first(second, "SELECT COUNT(*) FROM t", row -> row.getLong(1)), "the failed insert is not there");
    }
}

package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.majlis.testing.ServerProcess;
import org.sqlite.SQLiteDataSource;

/** Plain unit test on a SQLite file in WAL mode, as the server opens it: no server needed. */
class SqliteStatementsTest {

    private static final String COUNT = "SELECT COUNT(*) FROM t";

    private Path dir;
    private Connection reader;
    private Connection writer;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("sqlite-statements-");
        String url = "jdbc:sqlite:" + dir.resolve("t.db") + "?journal_mode=WAL&synchronous=NORMAL";
        // the driver itself, not DriverManager: the Quarkus tests of the same JVM registered it from another class loader
        SQLiteDataSource file = new SQLiteDataSource();
        file.setUrl(url);
        reader = file.getConnection();
        writer = file.getConnection();
        Sql.update(writer, "CREATE TABLE t (n INTEGER)");
    }

    @AfterEach
    void close() throws Exception {
        reader.close();
        writer.close();
        ServerProcess.delete(dir);
    }

    @Test
    void theSameSqlOnTheSameConnectionGetsTheStatementBackAndOneStillInUseIsNotShared() throws Exception {
        PreparedStatement first;
        try (Sql.Statement statement = Sql.prepare(reader, COUNT)) {
            first = statement.get();
            try (Sql.Statement nested = Sql.prepare(reader, COUNT)) {
                assertNotSame(first, nested.get(), "a statement in use is not lent twice");
            }
        }
        try (Sql.Statement again = Sql.prepare(reader, COUNT)) {
            assertSame(first, again.get(), "kept for the next caller");
        }
        try (Sql.Statement onAnother = Sql.prepare(writer, COUNT)) {
            assertNotSame(first, onAnother.get(), "each connection keeps its own");
        }
    }

    @Test
    void aKeptQueryHoldsNoSnapshotAndSeesWhatOthersCommittedSince() throws Exception {
        assertEquals(0, count());
        Sql.update(writer, "INSERT INTO t (n) VALUES (?)", 1);
        assertEquals(1, count(), "the kept statement read the new row");
        Sql.batch(writer, "INSERT INTO t (n) VALUES (?)", List.of(new Object[] {2}, new Object[] {3}));
        Sql.batch(writer, "INSERT INTO t (n) VALUES (?)", List.<Object[]>of(new Object[] {4}));
        assertEquals(4, count());
        assertEquals(List.of(1L, 2L, 3L, 4L), Sql.query(reader, "SELECT n FROM t ORDER BY n", row -> row.getLong(1)));
    }

    @Test
    void beyondItsLimitAConnectionClosesTheLeastRecentlyUsedAndAClosedConnectionKeepsNothing() throws Exception {
        List<PreparedStatement> statements = new ArrayList<>();
        for (int i = 0; i <= 64; i++) {
            try (Sql.Statement statement = Sql.prepare(reader, "SELECT " + i)) {
                statements.add(statement.get());
            }
        }
        assertTrue(statements.get(0).isClosed(), "the 65th closed the first");
        assertTrue(!statements.get(1).isClosed() && !statements.get(64).isClosed());

        Sql.Statement taken = Sql.prepare(reader, COUNT);
        reader.close();
        taken.close();
        assertTrue(taken.get().isClosed(), "given back to a closed connection, it is closed");
    }

    private long count() throws Exception {
        return Sql.first(reader, COUNT, row -> row.getLong(1));
    }
}

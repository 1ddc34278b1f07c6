package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/** Plain unit test on an in-memory SQLite database: a batch of several parts is the batch of one. */
class SqlBatchYieldingTest {

    @Test
    void rowsOverSeveralPartsAreEachWrittenOnceAndCountedInTheirOwnPlace() throws Exception {
        // the driver itself, not DriverManager: the Quarkus tests of the same JVM registered it from another class loader
        SQLiteDataSource memory = new SQLiteDataSource();
        memory.setUrl("jdbc:sqlite::memory:");
        try (Connection connection = memory.getConnection()) {
            Sql.update(connection, "CREATE TABLE t (n INTEGER PRIMARY KEY, word TEXT NOT NULL)");
            int count = 2 * Sql.ROWS_PER_YIELD + 22;
            int present = Sql.ROWS_PER_YIELD + 5; // in the second part: counted 0 there, not elsewhere
            Sql.update(connection, "INSERT INTO t (n, word) VALUES (?, 'before')", present);
            List<Object[]> rows = new ArrayList<>();
            int[] expected = new int[count];
            for (int n = 0; n < count; n++) {
                rows.add(new Object[] {n, "w" + n});
                expected[n] = n == present ? 0 : 1;
            }
            connection.setAutoCommit(false);
            String insert = "INSERT INTO t (n, word) VALUES (?, ?) ON CONFLICT DO NOTHING";
            assertArrayEquals(expected, Sql.batchYielding(connection, insert, rows));
            connection.rollback(); // one transaction for all the parts: none of them stays
            assertEquals(List.of(present), Sql.query(connection, "SELECT n FROM t", row -> row.getInt(1)));
            assertArrayEquals(expected, Sql.batchYielding(connection, insert, rows));
            connection.commit();
            for (int n = 0; n < count; n++) {
                assertEquals(n == present ? "before" : "w" + n,
                        Sql.first(connection, "SELECT word FROM t WHERE n = ?", row -> row.getString(1), n), "row " + n);
            }
            assertEquals(Integer.valueOf(count), Sql.first(connection, "SELECT COUNT(*) FROM t", row -> row.getInt(1)));
            assertArrayEquals(new int[0], Sql.batchYielding(connection, insert, List.of()));
        }
    }
}

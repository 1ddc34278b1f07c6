package org.majlis.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig.TransactionMode;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Small helpers for one-statement JDBC calls with positional parameters. */
public final class Sql {

    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** {@link #batchYielding}'s rows per batch, between which it yields the core. */
    static final int ROWS_PER_YIELD = 64;

    private Sql() {
    }

    /** Runs the work on a connection of its own, each statement committed by itself. */
    public static <T> T run(Database database, Work<T> work) {
        try (Connection connection = database.connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs the work in one transaction on a connection of its own: committed, or rolled back when it throws. */
    public static <T> T transaction(Database database, Work<T> work) {
        try (Connection connection = database.connect()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The work in one transaction on this connection: committed, or rolled back when it throws; in auto-commit mode after. */
    static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            end(connection, Connection::commit);
            return result;
        } catch (SQLException | RuntimeException e) {
            end(connection, Connection::rollback);
            throw e;
        }
    }

    @FunctionalInterface
    private interface Ending {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Commits or rolls back, and goes back to auto-commit. sqlite-jdbc begins the next transaction as
     * soon as one ends, in the connection's mode: begun IMMEDIATE it would take the write lock again
     * (six more file-lock calls) only to be ended empty when the connection goes back to the pool. Begun
     * DEFERRED it takes no lock; the next transaction on the connection begins IMMEDIATE again.
     */
    private static void end(Connection connection, Ending ending) throws SQLException {
        if (!connection.isWrapperFor(SQLiteConnection.class)) {
            ending.run(connection);
            connection.setAutoCommit(true);
            return;
        }
        SQLiteConnectionConfig config = connection.unwrap(SQLiteConnection.class).getConnectionConfig();
        TransactionMode mode = config.getTransactionMode();
        config.setTransactionMode(TransactionMode.DEFERRED);
        try {
            ending.run(connection);
            connection.setAutoCommit(true);
        } finally {
            config.setTransactionMode(mode);
        }
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (Statement statement = prepare(connection, sql, parameters)) {
            return statement.get().executeUpdate();
        }
    }

    public static <T> List<T> query(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (Statement statement = prepare(connection, sql, parameters); ResultSet rows = statement.get().executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        }
    }

    /**
     * The statement run once for each row of parameters, sent as one batch; nothing is sent for no
     * rows. Returns the count of rows each one changed, as the driver reports it.
     */
    public static int[] batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (Statement statement = prepare(connection, sql)) {
            for (Object[] row : rows) {
                bind(statement.get(), row);
                statement.get().addBatch();
            }
            return statement.get().executeBatch();
        }
    }

    /**
     * {@link #batch} of many rows on a background thread, {@link #ROWS_PER_YIELD} rows a batch with
     * the core let go between (in the caller's transaction): a batch of hundreds of rows runs for
     * milliseconds, and a thread woken on its core (an event loop, the message writer, the delivery
     * thread) would otherwise wait for all of it (performance.md). Returns each row's count.
     */
    public static int[] batchYielding(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        int[] counts = new int[rows.size()];
        for (int from = 0; from < rows.size(); from += ROWS_PER_YIELD) {
            int[] part = batch(connection, sql, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_YIELD)));
            System.arraycopy(part, 0, counts, from, part.length);
            Thread.yield();
        }
        return counts;
    }

    /**
     * A prepared statement for the caller to run more than once, in try-with-resources: on SQLite
     * one kept from an earlier use of the same SQL on this connection when there is one, and kept
     * again when closed.
     */
    public static Statement prepare(Connection connection, String sql) throws SQLException {
        if (connection.isWrapperFor(SQLiteConnection.class)) {
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            return new Statement(SqliteStatements.take(sqlite, sql), sqlite, sql);
        }
        return new Statement(connection.prepareStatement(sql), null, sql);
    }

    /** A prepared statement on loan: closing it gives it back to its connection's kept statements (SQLite) or closes it. */
    public record Statement(PreparedStatement get, SQLiteConnection keptBy, String sql) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (keptBy == null) {
                get.close();
            } else {
                SqliteStatements.giveBack(keptBy, sql, get);
            }
        }
    }

    /** The first row, or null. */
    public static <T> T first(Connection connection, String sql, Row<T> row, Object... parameters) throws SQLException {
        List<T> rows = query(connection, sql, row, parameters);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A unique or primary key was violated (SQLState class 23 on PostgreSQL, SQLITE_CONSTRAINT on SQLite). */
    public static boolean isConstraintViolation(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
        }
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /**
     * " FOR UPDATE" after a SELECT whose rows the transaction will change: PostgreSQL locks them.
     * SQLite has no row locks and needs none: its write transactions begin IMMEDIATE, one at a time.
     */
    public static String forUpdate(Connection connection) throws SQLException {
        return hasRowLocks(connection) ? " FOR UPDATE" : "";
    }

    /**
     * " ORDER BY column COLLATE "C" FOR UPDATE" on PostgreSQL: the rows locked in the order of the
     * column's code points, whatever the plan (a plain FOR UPDATE locks them in the plan's order), so
     * that two transactions locking rows of the table in this order never wait on each other
     * crosswise. Nothing on SQLite, as {@link #forUpdate}.
     */
    public static String forUpdateInOrderOf(Connection connection, String column) throws SQLException {
        return hasRowLocks(connection) ? " ORDER BY " + column + " COLLATE \"C\" FOR UPDATE" : "";
    }

    /** Whether the database locks rows (PostgreSQL); SQLite locks the whole file for a write transaction. */
    public static boolean hasRowLocks(Connection connection) throws SQLException {
        return !connection.isWrapperFor(SQLiteConnection.class);
    }

    /** "?, ?, ?" for n parameters. */
    public static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Statement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        Statement statement = prepare(connection, sql);
        try {
            bind(statement.get(), parameters);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}

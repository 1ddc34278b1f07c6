package org.majlis.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements kept per SQLite connection for the next caller of the same SQL. SQLite
 * compiles a statement at each prepare, and neither its driver nor the pool keeps one: that
 * compiling was a third of a guest login's database time. (PostgreSQL's driver keeps its own.)
 *
 * <p>A statement is taken out while in use, so a query run again inside the loop over its own
 * rows gets a statement of its own. A connection is used by one thread at a time; the pool's
 * hand-over orders its uses.
 */
final class SqliteStatements {

    private static final int PER_CONNECTION = 64;
    private static final Map<SQLiteConnection, Map<String, PreparedStatement>> KEPT = new ConcurrentHashMap<>();

    private SqliteStatements() {
    }

    /** The connection's kept statement for sql (now the caller's), or a new one. */
    static PreparedStatement take(SQLiteConnection connection, String sql) throws SQLException {
        Map<String, PreparedStatement> kept = KEPT.get(connection);
        if (kept == null) {
            kept = keepFor(connection);
        }
        PreparedStatement statement;
        synchronized (kept) {
            statement = kept.remove(sql);
        }
        return statement != null ? statement : connection.prepareStatement(sql);
    }

    /** Keeps the statement for the next caller, its parameters let go; the least recently used beyond the limit is closed. */
    static void giveBack(SQLiteConnection connection, String sql, PreparedStatement statement) throws SQLException {
        Map<String, PreparedStatement> kept = KEPT.get(connection);
        if (kept == null || connection.isClosed()) {
            statement.close();
            return;
        }
        statement.clearParameters();
        PreparedStatement replaced;
        synchronized (kept) {
            replaced = kept.put(sql, statement);
        }
        if (replaced != null) {
            replaced.close();
        }
    }

    private static Map<String, PreparedStatement> keepFor(SQLiteConnection connection) {
        // a new connection of the pool's: the closed ones it replaced, and their statements, go
        KEPT.keySet().removeIf(SqliteStatements::closed);
        return KEPT.computeIfAbsent(connection, c -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= PER_CONNECTION) {
                    return false;
                }
                close(eldest.getValue());
                return true;
            }
        });
    }

    private static boolean closed(SQLiteConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void close(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException alreadyGone) {
            // its connection closed it
        }
    }
}

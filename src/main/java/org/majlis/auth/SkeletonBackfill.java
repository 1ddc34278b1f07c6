package org.majlis.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * At start, gives accounts without a skeleton (registered before V4) theirs, and moves an account
 * whose key changed with NFKC keys (a fullwidth name, ẞ) to its new key so that it can still log
 * in. Idempotent: nodes starting together do no harm. An account whose skeleton another account
 * has keeps none (it still logs in) and is tried again at the next start.
 */
@Startup
@ApplicationScoped
public class SkeletonBackfill {

    public SkeletonBackfill(Database database) {
        Sql.run(database, connection -> {
            List<String[]> rows = Sql.query(connection, "SELECT username_key, username FROM accounts WHERE username_skeleton IS NULL",
                    row -> new String[] {row.getString(1), row.getString(2)});
            for (String[] row : rows) {
                fill(connection, row[0], row[1]);
            }
            return rows.size();
        });
    }

    private static void fill(Connection connection, String storedKey, String username) throws SQLException {
        String key = Names.key(username);
        String skeleton = Names.skeleton(username);
        if (updated(connection, "UPDATE accounts SET username_key = ?, username_skeleton = ? WHERE username_key = ?",
                key, skeleton, storedKey)) {
            return;
        }
        if (!key.equals(storedKey) && updated(connection, "UPDATE accounts SET username_skeleton = ? WHERE username_key = ?",
                skeleton, storedKey)) {
            Log.warnf("account %s keeps its old key: another account has its new one", username);
            return;
        }
        Log.warnf("account %s looks like another account (the same skeleton): left without a skeleton", username);
    }

    /** False when a unique key refused the change. */
    private static boolean updated(Connection connection, String sql, Object... parameters) throws SQLException {
        try {
            Sql.update(connection, sql, parameters);
            return true;
        } catch (SQLException e) {
            if (Sql.isConstraintViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}

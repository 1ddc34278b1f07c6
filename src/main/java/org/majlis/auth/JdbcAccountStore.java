package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;
import org.majlis.store.StoreException;

@ApplicationScoped
public class JdbcAccountStore implements AccountStore {

    private final Database database;

    public JdbcAccountStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean create(String username, String passwordHash) {
        try (Connection connection = database.connect()) {
            Sql.update(connection, "INSERT INTO accounts (username_key, username, password_hash, created_at, username_skeleton)"
                    + " VALUES (?, ?, ?, ?, ?)", Names.key(username), username, passwordHash, System.currentTimeMillis(),
                    Names.skeleton(username));
            return true;
        } catch (SQLException e) {
            if (Sql.isConstraintViolation(e)) {
                return false;
            }
            throw new StoreException(e);
        }
    }

    @Override
    public Account find(String usernameKey) {
        return first("SELECT username, password_hash FROM accounts WHERE username_key = ? AND deleted_at IS NULL", usernameKey);
    }

    @Override
    public Account findSameOrLookalike(String usernameKey, String skeleton, boolean deletedToo) {
        String live = deletedToo ? "" : " AND deleted_at IS NULL";
        // two indexed lookups in one round trip, the exact name first
        return first("SELECT username, password_hash, 0 AS lookalike FROM accounts WHERE username_key = ?" + live
                + " UNION ALL SELECT username, password_hash, 1 AS lookalike FROM accounts WHERE username_skeleton = ?" + live
                + " ORDER BY lookalike", usernameKey, skeleton);
    }

    @Override
    public boolean markDeleted(String usernameKey, long now) {
        return Sql.run(database, connection -> Sql.update(connection,
                "UPDATE accounts SET deleted_at = ? WHERE username_key = ? AND deleted_at IS NULL", now, usernameKey)) == 1;
    }

    @Override
    public int removeDeletedBefore(long time) {
        return Sql.run(database, connection -> Sql.update(connection, "DELETE FROM accounts WHERE deleted_at < ?", time));
    }

    @Override
    public void changePassword(String usernameKey, String passwordHash) {
        Sql.run(database, connection -> Sql.update(connection, "UPDATE accounts SET password_hash = ? WHERE username_key = ?",
                passwordHash, usernameKey));
    }

    @Override
    public List<String> namesStartingWith(String keyPrefix, int limit) {
        // a range of the primary key: every key with the prefix sorts between it and it + U+FFFF
        return Sql.run(database, connection -> Sql.query(connection, "SELECT username FROM accounts WHERE username_key >= ?"
                + " AND username_key < ? AND deleted_at IS NULL ORDER BY username_key LIMIT ?", row -> row.getString(1), keyPrefix, keyPrefix + '\uffff', limit));
    }

    private Account first(String sql, Object... parameters) {
        return Sql.run(database, connection -> Sql.first(connection, sql, row -> new Account(row.getString(1), row.getString(2)),
                parameters));
    }
}

package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.majlis.store.StoreException;
import org.majlis.names.Names;
import org.majlis.store.Database;

@ApplicationScoped
public class JdbcAccountStore implements AccountStore {

    /** SQLSTATE class 23: a constraint, here the primary key, refused the row. */
    private static final String INTEGRITY_VIOLATION = "23";

    private final Database database;

    public JdbcAccountStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean create(String username, String passwordHash) {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO accounts (username_key, username, password_hash, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, Names.key(username));
            insert.setString(2, username);
            insert.setString(3, passwordHash);
            insert.setLong(4, System.currentTimeMillis());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                return false;
            }
            throw new StoreException(e);
        }
    }

    @Override
    public Account find(String usernameKey) {
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT username, password_hash FROM accounts WHERE username_key = ?")) {
            select.setString(1, usernameKey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new Account(rows.getString(1), rows.getString(2)) : null;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}

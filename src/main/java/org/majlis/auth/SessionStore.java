package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/** The sessions table. Blocking: worker threads only. */
@ApplicationScoped
public class SessionStore {

    private final Database database;

    public SessionStore(Database database) {
        this.database = database;
    }

    /**
     * A guest's new session: every other live guest session of the name is revoked in the same
     * transaction, so that the tokens of the guests who had the name before stop working.
     */
    public void startGuest(String id, String userKey, long expiresAt) {
        Sql.transaction(database, connection -> {
            Sql.update(connection, "UPDATE sessions SET revoked = TRUE WHERE username_key = ? AND guest = TRUE AND revoked = FALSE",
                    userKey);
            insert(connection, id, userKey, true, expiresAt);
            return null;
        });
    }

    public void startAccount(String id, String userKey, long expiresAt) {
        run(connection -> insert(connection, id, userKey, false, expiresAt));
    }

    /** Moves a live session's expiry to its newest token's; false when it is unknown, revoked or expired. */
    public boolean renew(String id, String userKey, boolean guest, long now, long expiresAt) {
        return run(connection -> Sql.update(connection, """
                UPDATE sessions SET expires_at = ? WHERE id = ? AND username_key = ? AND guest = ? AND revoked = FALSE
                    AND expires_at >= ?""", expiresAt, id, userKey, guest, now)) == 1;
    }

    /** Whether the session is live: known, not revoked, not expired. */
    public boolean live(String id, String userKey, boolean guest, long now) {
        return run(connection -> Sql.first(connection, """
                SELECT 1 FROM sessions WHERE id = ? AND username_key = ? AND guest = ? AND revoked = FALSE
                    AND expires_at >= ?""", row -> 1, id, userKey, guest, now)) != null;
    }

    public void revoke(String id) {
        run(connection -> Sql.update(connection, "UPDATE sessions SET revoked = TRUE WHERE id = ?", id));
    }

    /** Revokes every session of the user (accounts and guests alike); returns how many were live. */
    public int revokeAll(String userKey) {
        return run(connection -> Sql.update(connection,
                "UPDATE sessions SET revoked = TRUE WHERE username_key = ? AND revoked = FALSE", userKey));
    }

    /** Forgets sessions whose newest token has expired: no token of theirs can be shown any more. */
    public int sweep(long now) {
        return run(connection -> Sql.update(connection, "DELETE FROM sessions WHERE expires_at < ?", now));
    }

    private static int insert(Connection connection, String id, String userKey, boolean guest, long expiresAt)
            throws SQLException {
        return Sql.update(connection, "INSERT INTO sessions (id, username_key, guest, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                id, userKey, guest, System.currentTimeMillis(), expiresAt);
    }

    private <T> T run(Sql.Work<T> work) {
        return Sql.run(database, work);
    }
}

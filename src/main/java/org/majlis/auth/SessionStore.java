package org.majlis.auth;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.majlis.store.Database;
import org.majlis.store.GroupCommit;
import org.majlis.store.Sql;
import org.majlis.store.StoreException;

/** The sessions table. Blocking: worker threads only. */
@ApplicationScoped
public class SessionStore {

    private static final String INSERT = "INSERT INTO sessions (id, username_key, guest, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
    private static final String REVOKE_GUESTS = "UPDATE sessions SET revoked = TRUE WHERE username_key = ? AND guest = TRUE AND revoked = FALSE";

    /** A live session as its user sees it in the list of their sessions. */
    public record LiveSession(String id, boolean guest, long createdAt, long lastUsedAt, long expiresAt) {
    }

    /** A new guest's session waiting for its batch. */
    private record GuestStart(String id, String userKey, long expiresAt, CompletableFuture<Void> written) {
    }

    private final Database database;
    /** A wave of new guests (after a restart) shares commits: a commit costs far more than its rows. */
    private final GroupCommit<GuestStart> guestStarts;

    public SessionStore(Database database) {
        this.database = database;
        this.guestStarts = new GroupCommit<>("majlis-session-writer", 16_384, 256, Duration.ZERO, new GroupCommit.Batch<>() {
            @Override
            public void commit(List<GuestStart> starts) {
                writeGuests(starts);
                starts.forEach(start -> start.written().complete(null));
            }

            @Override
            public void failed(List<GuestStart> starts, Exception cause) {
                starts.forEach(start -> start.written().completeExceptionally(cause));
            }
        });
    }

    /** Writes the guest sessions queued before the datasources close (they close after ShutdownEvent observers). */
    void stop(@Observes ShutdownEvent shutdown) {
        guestStarts.close();
    }

    /**
     * A guest's new session, once written: every other live guest session of the name is revoked
     * in the same transaction, so that the tokens of the guests who had the name before stop working.
     */
    public void startGuest(String id, String userKey, long expiresAt) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!guestStarts.submit(new GuestStart(id, userKey, expiresAt, written))) {
            throw new StoreException(new IllegalStateException("the session store is not keeping up"));
        }
        try {
            written.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException store ? store : new StoreException(e.getCause());
        }
    }

    /** One transaction, in queue order: of two guests of one name in a batch, the later one holds it. */
    private void writeGuests(List<GuestStart> starts) {
        Sql.transaction(database, connection -> {
            for (GuestStart start : starts) {
                Sql.update(connection, REVOKE_GUESTS, start.userKey());
                insert(connection, start.id(), start.userKey(), true, start.expiresAt());
            }
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

    /** Revokes the session if it is a live one of the user; false when it is not. */
    public boolean revokeOf(String userKey, String id, long now) {
        return run(connection -> Sql.update(connection, """
                UPDATE sessions SET revoked = TRUE WHERE id = ? AND username_key = ? AND revoked = FALSE
                    AND expires_at >= ?""", id, userKey, now)) == 1;
    }

    /** The user's live sessions, the most recently used first. */
    public List<LiveSession> liveOf(String userKey, long now) {
        return run(connection -> Sql.query(connection, """
                SELECT id, guest, created_at, COALESCE(last_used_at, created_at) AS used, expires_at FROM sessions
                    WHERE username_key = ? AND revoked = FALSE AND expires_at >= ? ORDER BY used DESC, id""",
                row -> new LiveSession(row.getString(1), row.getBoolean(2), row.getLong(3), row.getLong(4), row.getLong(5)),
                userKey, now));
    }

    /** Records when sessions were last used, in one batch; an earlier time never replaces a later one. */
    public void used(Map<String, Long> lastUse) {
        List<Object[]> rows = new ArrayList<>(lastUse.size());
        lastUse.forEach((id, at) -> rows.add(new Object[] {at, id, at}));
        Sql.transaction(database, connection -> {
            Sql.batch(connection, "UPDATE sessions SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                    rows);
            return null;
        });
    }

    /** Revokes every session of the user (accounts and guests alike); returns how many were live. */
    public int revokeAll(String userKey) {
        return run(connection -> Sql.update(connection,
                "UPDATE sessions SET revoked = TRUE WHERE username_key = ? AND revoked = FALSE", userKey));
    }

    /** Revokes every live session of the user but {@code kept}; returns how many. */
    public int revokeAllBut(String userKey, String kept) {
        return run(connection -> Sql.update(connection,
                "UPDATE sessions SET revoked = TRUE WHERE username_key = ? AND revoked = FALSE AND id <> ?", userKey, kept));
    }

    /** Forgets sessions whose newest token has expired: no token of theirs can be shown any more. */
    public int sweep(long now) {
        return run(connection -> Sql.update(connection, "DELETE FROM sessions WHERE expires_at < ?", now));
    }

    private static int insert(Connection connection, String id, String userKey, boolean guest, long expiresAt)
            throws SQLException {
        return Sql.update(connection, INSERT, id, userKey, guest, System.currentTimeMillis(), expiresAt);
    }

    private <T> T run(Sql.Work<T> work) {
        return Sql.run(database, work);
    }
}

package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/** {@link Reactions} on JDBC. */
@ApplicationScoped
public class JdbcReactions implements Reactions {

    private final Database database;
    private final PendingMessages pending;

    public JdbcReactions(Database database, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
    }

    @Override
    public Reacted react(String messageId, String emoji, String username, boolean on, int maxEmoji) {
        pending.awaitApplied();
        String userKey = Names.key(username);
        return Sql.transaction(database, connection -> {
            // the row lock orders concurrent reactions on one message, so the emoji limit holds
            Boolean deleted = Sql.first(connection, "SELECT deleted FROM messages WHERE id = ?" + Sql.forUpdate(connection),
                    row -> row.getBoolean(1), messageId);
            if (deleted == null || deleted) {
                return Reacted.NO_SUCH_MESSAGE;
            }
            return on ? add(connection, messageId, emoji, username, userKey, maxEmoji)
                    : Sql.update(connection, "DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND username_key = ?",
                            messageId, emoji, userKey) > 0 ? Reacted.REMOVED : Reacted.UNCHANGED;
        });
    }

    private static Reacted add(Connection connection, String messageId, String emoji, String username, String userKey,
            int maxEmoji) throws SQLException {
        List<EmojiSoFar> soFar = Sql.query(connection, "SELECT emoji, MAX(created_at), MAX(CASE WHEN username_key = ? THEN 1 ELSE 0 END)"
                + " FROM reactions WHERE message_id = ? GROUP BY emoji",
                row -> new EmojiSoFar(row.getString(1), row.getLong(2), row.getInt(3) == 1), userKey, messageId);
        EmojiSoFar same = soFar.stream().filter(e -> e.emoji().equals(emoji)).findFirst().orElse(null);
        if (same == null && soFar.size() >= maxEmoji) {
            return Reacted.TOO_MANY_EMOJI;
        }
        if (same != null && same.byUser()) {
            return Reacted.UNCHANGED;
        }
        // later than the message's last reaction: several in one millisecond keep the order they came in (the
        // message's row lock makes this transaction the only one adding to it)
        long now = System.currentTimeMillis();
        long createdAt = soFar.stream().mapToLong(e -> Math.max(now, e.lastAt() + 1)).max().orElse(now);
        Sql.update(connection, "INSERT INTO reactions (message_id, emoji, username_key, username, created_at) VALUES (?, ?, ?, ?, ?)",
                messageId, emoji, userKey, username, createdAt);
        return Reacted.ADDED;
    }

    /** One emoji already on the message: when it was last added and whether the reacting user is among its givers. */
    private record EmojiSoFar(String emoji, long lastAt, boolean byUser) {
    }
}

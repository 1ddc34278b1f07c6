package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/** {@link Reactions} on JDBC. */
@ApplicationScoped
public class JdbcReactions implements Reactions {

    private final Database database;

    public JdbcReactions(Database database) {
        this.database = database;
    }

    @Override
    public Reacted react(String messageId, String emoji, String username, boolean on, int maxEmoji) {
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
        List<String> emojis = Sql.query(connection, "SELECT DISTINCT emoji FROM reactions WHERE message_id = ?",
                row -> row.getString(1), messageId);
        if (!emojis.contains(emoji) && emojis.size() >= maxEmoji) {
            return Reacted.TOO_MANY_EMOJI;
        }
        if (Sql.first(connection, "SELECT 1 FROM reactions WHERE message_id = ? AND emoji = ? AND username_key = ?",
                row -> 1, messageId, emoji, userKey) != null) {
            return Reacted.UNCHANGED;
        }
        // later than the message's last reaction: several in one millisecond keep the order they came in (the
        // message's row lock makes this transaction the only one adding to it)
        Long last = Sql.first(connection, "SELECT MAX(created_at) FROM reactions WHERE message_id = ?",
                row -> row.getObject(1) == null ? null : row.getLong(1), messageId);
        long now = System.currentTimeMillis();
        Sql.update(connection, "INSERT INTO reactions (message_id, emoji, username_key, username, created_at) VALUES (?, ?, ?, ?, ?)",
                messageId, emoji, userKey, username, last == null ? now : Math.max(now, last + 1));
        return Reacted.ADDED;
    }
}

package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/**
 * What a name holder keeps to itself: its direct conversations (both sides' messages, their
 * reactions and read marks) and its read marks in rooms. Forgotten when the name passes to
 * someone else, so that the next holder never reads it. Files attached to the deleted messages
 * go with the next file sweep. Blocking.
 */
@ApplicationScoped
public class PrivateHistory {

    private final Database database;
    private final PendingMessages pending;

    public PrivateHistory(Database database, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
    }

    /** Deletes everything private of the name key; returns how many direct conversations went. */
    public int forget(String userKey) {
        if (!holdsAnything(userKey)) { // most new guests' names had no holder: no write transaction for them
            return 0;
        }
        // no message is numbered for these conversations meanwhile: a later one starts a new conversation
        return pending.exclusively(key -> ConversationId.isDirectKeyOf(key, userKey), () -> Sql.transaction(database, connection -> {
            // locked first, so that a message being written to one of them waits and then starts a new conversation
            List<String> directs = Sql.query(connection, "SELECT id FROM conversations WHERE user_a = ? OR user_b = ?"
                    + Sql.forUpdateInOrderOf(connection, "id"), row -> row.getString(1), userKey, userKey);
            if (!directs.isEmpty()) {
                String in = " IN (" + Sql.marks(directs.size()) + ")";
                Object[] ids = directs.toArray();
                Sql.update(connection, "DELETE FROM reactions WHERE message_id IN (SELECT id FROM messages WHERE conversation_id"
                        + in + ")", ids);
                Sql.update(connection, "DELETE FROM messages WHERE conversation_id" + in, ids);
                Sql.update(connection, "DELETE FROM read_marks WHERE conversation_id" + in, ids);
                Sql.update(connection, "DELETE FROM conversations WHERE id" + in, ids);
            }
            Sql.update(connection, "DELETE FROM read_marks WHERE username_key = ?", userKey);
            return directs.size();
        }));
    }

    /** A read: whether the name key has a direct conversation or a read mark. */
    private boolean holdsAnything(String userKey) {
        return Sql.run(database, connection -> Sql.first(connection, "SELECT 1 FROM conversations WHERE user_a = ? OR user_b = ?"
                + " UNION ALL SELECT 1 FROM read_marks WHERE username_key = ? LIMIT 1", row -> true, userKey, userKey, userKey)) != null;
    }
}

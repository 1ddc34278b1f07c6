package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/** {@link MessageEdits} on JDBC. */
@ApplicationScoped
public class JdbcMessageEdits implements MessageEdits {

    private final Database database;
    private final PendingMessages pending;
    private final MessageRows rows;
    private final MessageSearch search;

    public JdbcMessageEdits(Database database, MessageRows rows, MessageSearch search, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
        this.rows = rows;
        this.search = search;
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        pending.awaitApplied();
        return Sql.run(database, connection -> find(connection, messageId));
    }

    private Optional<StoredMessage> find(Connection connection, String messageId) throws SQLException {
        ConversationId conversation = Sql.first(connection, "SELECT c.id, c.room_name, c.name_a, c.name_b FROM messages m"
                + " JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?", row -> MessageRows.conversation(row, 1), messageId);
        if (conversation == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Sql.first(connection, "SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.id = ?",
                row -> rows.read(conversation, row), messageId));
    }

    @Override
    public Optional<StoredMessage> edit(String messageId, String body, long editedAt) {
        pending.awaitApplied();
        Optional<StoredMessage> edited = Sql.run(database, connection -> Sql.update(connection,
                "UPDATE messages SET body = ?, search_text = ?, edited_at = ? WHERE id = ? AND deleted = FALSE", body,
                SearchText.indexed(body), editedAt, messageId) == 0
                        ? Optional.empty() : find(connection, messageId));
        edited.ifPresent(message -> search.changed(messageId));
        return edited;
    }

    @Override
    public boolean delete(String messageId, boolean removed) {
        pending.awaitApplied();
        boolean deleted = Sql.transaction(database, connection -> {
            boolean changed = Sql.update(connection, "UPDATE messages SET body = '', attachments = NULL, search_text = NULL,"
                    + " deleted = TRUE, removed = ? WHERE id = ? AND deleted = FALSE", removed, messageId) > 0;
            Sql.update(connection, "DELETE FROM reactions WHERE message_id = ?", messageId);
            return changed;
        });
        if (deleted) {
            search.changed(messageId);
        }
        return deleted;
    }
}

package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/** {@link HistoryPages} on JDBC: one query for the messages, one for their reactions. */
@ApplicationScoped
public class JdbcHistoryPages implements HistoryPages {

    private final Database database;
    private final PendingMessages pending;
    private final MessageRows rows;

    public JdbcHistoryPages(Database database, MessageRows rows, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
        this.rows = rows;
    }

    @Override
    public Page page(ConversationId conversation, Long before, Long after, int limit) {
        pending.awaitApplied();
        boolean ascending = after != null;
        StringBuilder sql = new StringBuilder("SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.conversation_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(conversation.key()));
        if (after != null) {
            sql.append(" AND m.seq > ?");
            parameters.add(after);
        }
        if (before != null) {
            sql.append(" AND m.seq < ?");
            parameters.add(before);
        }
        sql.append(ascending ? " ORDER BY m.seq ASC" : " ORDER BY m.seq DESC").append(" LIMIT ?");
        parameters.add(limit + 1);
        return Sql.run(database, connection -> {
            List<StoredMessage> messages = new ArrayList<>(Sql.query(connection, sql.toString(),
                    row -> rows.read(conversation, row), parameters.toArray()));
            boolean hasMore = messages.size() > limit;
            if (hasMore) {
                messages.remove(messages.size() - 1);
            }
            if (!ascending) {
                Collections.reverse(messages);
            }
            return new Page(messages, hasMore, reactions(connection, messages));
        });
    }

    private record ReactionRow(String messageId, String emoji, String username) {
    }

    /** Who reacted with what to each of the messages. */
    static Map<String, Map<String, List<String>>> reactions(Connection connection, List<StoredMessage> messages)
            throws SQLException {
        Map<String, Map<String, List<String>>> reactions = new HashMap<>();
        if (messages.isEmpty()) {
            return reactions;
        }
        Object[] ids = messages.stream().map(StoredMessage::id).toArray();
        for (ReactionRow reaction : Sql.query(connection, "SELECT message_id, emoji, username FROM reactions WHERE message_id IN ("
                + Sql.marks(ids.length) + ") ORDER BY created_at, username_key",
                row -> new ReactionRow(row.getString(1), row.getString(2), row.getString(3)), ids)) {
            reactions.computeIfAbsent(reaction.messageId(), id -> new LinkedHashMap<>())
                    .computeIfAbsent(reaction.emoji(), emoji -> new ArrayList<>()).add(reaction.username());
        }
        return reactions;
    }
}

package org.majlis.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * {@link MessageSearch} on PostgreSQL's full-text machinery: the GIN-indexed tsvector generated
 * from each message's search text in the same transaction (see {@code db/postgresql/V10}), read
 * newest first by message id (time-ordered), the cursor a message id.
 */
final class PostgresSearch implements MessageSearch {

    private static final String POSTGRES = "SELECT " + MessageRows.COLUMNS + ", c.id, c.room_name, c.name_a, c.name_b"
            + " FROM " + MessageRows.FROM + " JOIN conversations c ON c.id = m.conversation_id"
            + " WHERE m.search_vector @@ to_tsquery('simple', ?)";

    private static final Pattern MESSAGE_ID = Pattern.compile("m_[0-9A-Za-z]{1,38}");

    private final Database database;
    private final MessageRows rows;

    PostgresSearch(Database database, MessageRows rows) {
        this.database = database;
        this.rows = rows;
    }

    @Override
    public Hits search(SearchQuery query, Scope scope, String cursor, int limit) {
        StringBuilder sql = new StringBuilder(POSTGRES);
        List<Object> parameters = new ArrayList<>(List.of(query.tsquery()));
        if (cursor != null) {
            sql.append(" AND m.id < ?");
            parameters.add(messageId(cursor));
        }
        sql.append(" AND m.deleted = FALSE");
        Scopes.restrict(sql, parameters, scope);
        sql.append(" ORDER BY m.id DESC LIMIT ?");
        parameters.add(limit + 1);
        return Sql.run(database, connection -> {
            List<StoredMessage> messages = new ArrayList<>(Sql.query(connection, sql.toString(),
                    row -> rows.read(MessageRows.conversation(row, MessageRows.COLUMN_COUNT + 1), row), parameters.toArray()));
            boolean more = messages.size() > limit;
            if (more) {
                messages.remove(limit);
            }
            return new Hits(messages, more ? messages.getLast().id() : null, JdbcHistoryPages.reactions(connection, messages));
        });
    }

    private static String messageId(String cursor) {
        if (!MESSAGE_ID.matcher(cursor).matches()) {
            throw new IllegalArgumentException("not a cursor of this search: " + cursor);
        }
        return cursor;
    }
}

package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * {@link MessageSearch} on each database's own full-text index. SQLite: FTS5 (see
 * {@code db/sqlite/V10}), read in its row order, newest first, with the cursor a row number.
 * PostgreSQL: the GIN-indexed tsvector (see {@code db/postgresql/V10}), newest first by message
 * id (time-ordered), with the cursor a message id. Both stop at the page's last hit.
 */
@ApplicationScoped
public class JdbcMessageSearch implements MessageSearch {

    private static final String SQLITE = "SELECT " + MessageRows.COLUMNS + ", c.id, c.room_name, c.name_a, c.name_b, s.rowid"
            + " FROM message_search s JOIN search_rows x ON x.row_id = s.rowid JOIN messages m ON m.id = x.message_id"
            + MessageRows.REPLIED + " JOIN conversations c ON c.id = m.conversation_id WHERE message_search MATCH ?";
    private static final String POSTGRES = "SELECT " + MessageRows.COLUMNS + ", c.id, c.room_name, c.name_a, c.name_b, m.id"
            + " FROM " + MessageRows.FROM + " JOIN conversations c ON c.id = m.conversation_id"
            + " WHERE m.search_vector @@ to_tsquery('simple', ?)";

    private static final Pattern MESSAGE_ID = Pattern.compile("m_[0-9A-Za-z]{1,38}");

    private final Database database;
    private final MessageRows rows;
    private final boolean sqlite;

    public JdbcMessageSearch(Database database, MessageRows rows) {
        this.database = database;
        this.rows = rows;
        this.sqlite = Database.EMBEDDED.equals(database.name());
    }

    @Override
    public Hits search(SearchQuery query, Scope scope, String cursor, int limit) {
        StringBuilder sql = new StringBuilder(sqlite ? SQLITE : POSTGRES);
        List<Object> parameters = new ArrayList<>(List.of(sqlite ? query.fts5() : query.tsquery()));
        if (cursor != null) {
            sql.append(sqlite ? " AND s.rowid < ?" : " AND m.id < ?");
            parameters.add(sqlite ? rowNumber(cursor) : messageId(cursor));
        }
        sql.append(" AND m.deleted = FALSE AND (").append(scope.roomKeys().isEmpty() ? "1 = 0"
                : "m.conversation_id IN (" + Sql.marks(scope.roomKeys().size()) + ")");
        parameters.addAll(scope.roomKeys());
        if (scope.directsOf() != null) {
            sql.append(" OR c.user_a = ? OR c.user_b = ?");
            parameters.add(scope.directsOf());
            parameters.add(scope.directsOf());
        }
        sql.append(")");
        narrow(sql, parameters, scope);
        sql.append(sqlite ? " ORDER BY s.rowid DESC" : " ORDER BY m.id DESC").append(" LIMIT ?");
        parameters.add(limit + 1);
        int cursorColumn = MessageRows.COLUMN_COUNT + 5;
        return Sql.run(database, connection -> {
            List<String> cursors = new ArrayList<>();
            List<StoredMessage> messages = new ArrayList<>(Sql.query(connection, sql.toString(), row -> {
                cursors.add(row.getString(cursorColumn));
                return rows.read(MessageRows.conversation(row, MessageRows.COLUMN_COUNT + 1), row);
            }, parameters.toArray()));
            boolean more = messages.size() > limit;
            if (more) {
                messages.remove(limit);
            }
            return new Hits(messages, more ? cursors.get(limit - 1) : null, JdbcHistoryPages.reactions(connection, messages));
        });
    }

    private static long rowNumber(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this search: " + cursor);
        }
    }

    private static String messageId(String cursor) {
        if (!MESSAGE_ID.matcher(cursor).matches()) {
            throw new IllegalArgumentException("not a cursor of this search: " + cursor);
        }
        return cursor;
    }

    private static void narrow(StringBuilder sql, List<Object> parameters, Scope scope) {
        if (scope.only() != null) {
            sql.append(" AND m.conversation_id = ?");
            parameters.add(scope.only().key());
        }
        if (scope.senderKey() != null) {
            sql.append(" AND m.sender_key = ?");
            parameters.add(scope.senderKey());
        }
        if (scope.since() != null) {
            sql.append(" AND m.sent_at >= ?");
            parameters.add(scope.since());
        }
        if (scope.until() != null) {
            sql.append(" AND m.sent_at < ?");
            parameters.add(scope.until());
        }
    }
}

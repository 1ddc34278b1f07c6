package org.majlis.messages;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * {@link MessageSearch} on PostgreSQL's full-text machinery: the GIN-indexed tsvector generated
 * from each message's search text in the same transaction (see {@code db/postgresql/V10}), read
 * newest first by message id (time-ordered), the cursor a message id.
 *
 * <p>A page is found one of two ways, chosen by counting rather than by the planner's estimate:
 * words with few matches through the word index, all matches then sorted; others by reading
 * messages newest first until the page is full. The planner guesses a word it has no statistics
 * for to be in about one message of ten thousand, spread evenly, and reads newest first: for a
 * word in a few recent messages, a second page then read all ten million older ones, for seconds
 * (performance.md).
 */
final class PostgresSearch implements MessageSearch {

    /** The conversation a scope restricts by. */
    private static final String CONVERSATION = " JOIN conversations c ON c.id = m.conversation_id";
    private static final String COLUMNS = "SELECT " + MessageRows.COLUMNS + ", c.id, c.room_name, c.name_a, c.name_b"
            + " FROM " + MessageRows.FROM + CONVERSATION;
    private static final String MATCHES = " WHERE m.search_vector @@ to_tsquery('simple', ?)";
    /** Index scans switched for the rest of the transaction. */
    private static final String INDEX_SCANS = "SELECT set_config('enable_indexscan', ?, true)";
    /** Up to this many matches, a search reads them by id, newest first, instead of reading every message newest first. */
    private static final int FEW = 1000;

    private static final Pattern MESSAGE_ID = Pattern.compile("m_[0-9A-Za-z]{1,38}");

    private final Database database;
    private final MessageRows rows;
    private final int few;

    PostgresSearch(Database database, MessageRows rows) {
        this(database, rows, FEW);
    }

    /** With another bound of few matches (tests reach both ways with a handful of messages). */
    PostgresSearch(Database database, MessageRows rows, int few) {
        this.database = database;
        this.rows = rows;
        this.few = few;
    }

    @Override
    public Hits search(SearchQuery query, Scope scope, String cursor, int limit) {
        StringBuilder matches = new StringBuilder(MATCHES);
        List<Object> parameters = new ArrayList<>(List.of(query.tsquery()));
        if (cursor != null) {
            matches.append(" AND m.id < ?");
            parameters.add(messageId(cursor));
        }
        matches.append(" AND m.deleted = FALSE");
        Scopes.restrict(matches, parameters, scope);
        return Sql.transaction(database, connection -> {
            List<String> fewIds = fewMatches(connection, matches, parameters);
            if (fewIds != null && fewIds.isEmpty()) {
                return new Hits(List.of(), null, Map.of()); // no match: nothing to read
            }
            List<Object> page = new ArrayList<>(fewIds == null ? parameters
                    : List.of(connection.createArrayOf("varchar", fewIds.toArray())));
            page.add(limit + 1);
            String sql = COLUMNS + (fewIds == null ? matches : " WHERE m.id = ANY(?)") + " ORDER BY m.id DESC LIMIT ?";
            List<StoredMessage> messages = new ArrayList<>(Sql.query(connection, sql,
                    row -> rows.read(MessageRows.conversation(row, MessageRows.COLUMN_COUNT + 1), row), page.toArray()));
            boolean more = messages.size() > limit;
            if (more) {
                messages.remove(limit);
            }
            return new Hits(messages, more ? messages.getLast().id() : null, JdbcHistoryPages.reactions(connection, messages));
        });
    }

    /**
     * The ids of all the messages that match, when there are at most {@link #few}; null when there
     * are more. Index scans are off for it, so no other index is read in its order hoping to meet
     * the words soon (the few are then read by id as well without them); on again for the
     * newest-first read.
     */
    private List<String> fewMatches(Connection connection, CharSequence matches, List<Object> parameters) throws SQLException {
        Sql.query(connection, INDEX_SCANS, row -> null, "off");
        List<String> ids = Sql.query(connection, "SELECT m.id FROM messages m" + CONVERSATION + matches + " LIMIT " + (few + 1),
                row -> row.getString(1), parameters.toArray());
        if (ids.size() <= few) {
            return ids;
        }
        Sql.query(connection, INDEX_SCANS, row -> null, "on");
        return null;
    }

    private static String messageId(String cursor) {
        if (!MESSAGE_ID.matcher(cursor).matches()) {
            throw new IllegalArgumentException("not a cursor of this search: " + cursor);
        }
        return cursor;
    }
}

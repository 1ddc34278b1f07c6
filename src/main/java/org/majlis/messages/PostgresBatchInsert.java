package org.majlis.messages;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.majlis.store.Sql;

/**
 * On PostgreSQL, a batch of messages numbered and inserted by one statement in auto-commit mode:
 * one round trip, where a transaction of the numbering, the insert and the commit took three
 * (performance.md). The conversations' rows are locked in the order of their ids' code points
 * before they are advanced, as {@link ConversationSeqs} and {@link PrivateHistory} lock them, so
 * that batches of nodes sharing the database never wait on each other crosswise. A message whose
 * conversation is not there yet is not inserted: the caller creates it.
 */
final class PostgresBatchInsert {

    /** The columns of {@link JdbcMessageWriter#INSERT} but the seq, each an array, and each row's place in its conversation's rows. */
    private static final String SQL = """
            WITH batch AS (
              SELECT * FROM unnest(CAST(? AS varchar[]), CAST(? AS integer[]), CAST(? AS varchar[]), CAST(? AS varchar[]),
                  CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS bigint[]), CAST(? AS varchar[]), CAST(? AS varchar[]),
                  CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]))
                AS b(conversation_id, place, id, sender, recipient, body, sent_at, sender_key, attachments, sender_session,
                  reply_to, search_text, via)
            ), counts AS (
              SELECT conversation_id, count(*) AS n FROM batch GROUP BY conversation_id
            ), locked AS (
              SELECT c.id FROM conversations c JOIN counts k ON c.id = k.conversation_id ORDER BY c.id COLLATE "C" FOR UPDATE OF c
            ), advanced AS (
              UPDATE conversations c SET last_seq = c.last_seq + k.n FROM counts k JOIN locked l ON l.id = k.conversation_id
              WHERE c.id = k.conversation_id RETURNING c.id, c.last_seq - k.n AS before
            )
            INSERT INTO messages (conversation_id, seq, id, sender, recipient, body, sent_at, sender_key, attachments,
                sender_session, reply_to, search_text, via)
            SELECT b.conversation_id, a.before + b.place, b.id, b.sender, b.recipient, b.body, b.sent_at, b.sender_key,
                b.attachments, b.sender_session, b.reply_to, b.search_text, b.via
            FROM batch b JOIN advanced a ON a.id = b.conversation_id
            RETURNING conversation_id, seq""";
    /** The place of the seq and of the sending time among {@link JdbcMessageWriter#INSERT}'s columns. */
    private static final int SEQ = 1;
    private static final int SENT_AT = 6;

    private PostgresBatchInsert() {
    }

    /**
     * Inserts the rows (in {@link JdbcMessageWriter#INSERT}'s columns, the seq left out) numbered
     * after their conversations' last seqs, which go up by their counts, and commits. Returns, by
     * conversation key, the seq before its first new message; a conversation that is not there is missing.
     */
    static Map<String, Long> insert(Connection connection, List<Object[]> rows) throws SQLException {
        int columns = rows.get(0).length;
        Object[][] arrays = new Object[columns][];
        for (int column = 0; column < columns; column++) {
            arrays[column] = column == SENT_AT ? new Long[rows.size()] : column == SEQ ? new Integer[rows.size()] : new String[rows.size()];
        }
        Map<String, Integer> places = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            for (int column = 0; column < columns; column++) {
                arrays[column][i] = column == SENT_AT ? (Long) ((Number) row[column]).longValue() : column == SEQ ? null : (String) row[column];
            }
            arrays[SEQ][i] = places.merge((String) row[0], 1, Integer::sum); // the seq's column carries the place
        }
        Object[] parameters = new Object[columns];
        for (int column = 0; column < columns; column++) {
            parameters[column] = array(connection, column, arrays[column]);
        }
        Map<String, Long> before = new HashMap<>();
        for (Map.Entry<String, Long> inserted : Sql.query(connection, SQL, row -> Map.entry(row.getString(1), row.getLong(2)), parameters)) {
            before.merge(inserted.getKey(), inserted.getValue() - 1, Math::min);
        }
        return before;
    }

    private static Array array(Connection connection, int column, Object[] values) throws SQLException {
        return connection.createArrayOf(column == SENT_AT ? "bigint" : column == SEQ ? "integer" : "varchar", values);
    }
}

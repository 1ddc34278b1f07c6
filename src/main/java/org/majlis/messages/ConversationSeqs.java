package org.majlis.messages;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Sql;

/**
 * Numbers a batch's messages: each conversation's last seq goes up by its count of messages in
 * one statement, which also locks the rows on PostgreSQL (so that nodes sharing the database
 * number one after the other) and returns the new values. One round trip to the database where
 * reading the rows for update and writing them back took two.
 */
final class ConversationSeqs {

    /** On SQLite, whose write transactions run one at a time; a VALUES list's columns are column1, column2 on both databases. */
    private static final String ADVANCE = "UPDATE conversations SET last_seq = conversations.last_seq + v.column2 FROM (VALUES %s) AS v"
            + " WHERE conversations.id = v.column1 RETURNING conversations.id, conversations.last_seq";
    /**
     * On PostgreSQL, which locks an UPDATE's rows in the order its plan reads them (a hash join's:
     * the table's), the rows are locked first in the order of their ids' code points, as
     * {@link PostgresBatchInsert} does: batches of nodes sharing the database never wait on each
     * other's rows crosswise.
     */
    private static final String ADVANCE_IN_LOCK_ORDER = "WITH v AS (VALUES %s), locked AS (SELECT c.id FROM conversations c"
            + " JOIN v ON c.id = v.column1 ORDER BY c.id COLLATE \"C\" FOR UPDATE OF c)"
            + " UPDATE conversations SET last_seq = conversations.last_seq + v.column2 FROM v JOIN locked ON locked.id = v.column1"
            + " WHERE conversations.id = v.column1 RETURNING conversations.id, conversations.last_seq";

    private ConversationSeqs() {
    }

    /**
     * Advances each conversation by its count and returns, for each, the seq before its first new
     * message; a direct conversation is created on its first message, a room that is not there fails.
     */
    static Map<ConversationId, long[]> advance(Connection connection, Map<ConversationId, Integer> counts) throws SQLException {
        Map<ConversationId, long[]> before = update(connection, counts);
        if (before.size() < counts.size()) {
            Map<ConversationId, Integer> missing = new HashMap<>(counts);
            missing.keySet().removeAll(before.keySet());
            create(connection, missing.keySet());
            before.putAll(update(connection, missing));
        }
        return before;
    }

    private static Map<ConversationId, long[]> update(Connection connection, Map<ConversationId, Integer> counts) throws SQLException {
        Map<String, ConversationId> byKey = new HashMap<>();
        List<Object> parameters = new ArrayList<>(2 * counts.size());
        counts.forEach((conversation, count) -> {
            byKey.put(conversation.key(), conversation);
            parameters.add(conversation.key());
            parameters.add(count);
        });
        String values = String.join(", ", Collections.nCopies(counts.size(), "(?, CAST(? AS BIGINT))"));
        List<Map.Entry<String, Long>> updated = Sql.query(connection, String.format(Sql.hasRowLocks(connection) ? ADVANCE_IN_LOCK_ORDER : ADVANCE,
                values), row -> Map.entry(row.getString(1), row.getLong(2)), parameters.toArray());
        Map<ConversationId, long[]> before = new HashMap<>();
        for (Map.Entry<String, Long> row : updated) {
            ConversationId conversation = byKey.get(row.getKey());
            before.put(conversation, new long[] {row.getValue() - counts.get(conversation)});
        }
        return before;
    }

    private static void create(Connection connection, Iterable<ConversationId> conversations) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (ConversationId conversation : conversations) {
            if (conversation.isRoom()) {
                throw new SQLException("room " + conversation.room() + " does not exist");
            }
            rows.add(new Object[] {conversation.key(), Names.key(conversation.userA()), Names.key(conversation.userB()),
                    conversation.userA(), conversation.userB(), now});
        }
        // another node may create the same conversation at the same moment: its row is as good as ours
        Sql.batch(connection, "INSERT INTO conversations (id, user_a, user_b, name_a, name_b, last_seq, created_at)"
                + " VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING", rows);
    }
}

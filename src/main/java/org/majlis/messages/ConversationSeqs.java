package org.majlis.messages;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
        // in the order of their keys, which every node keeps: two batches never wait on each other's rows crosswise
        List<ConversationId> sorted = counts.keySet().stream().sorted(Comparator.comparing(ConversationId::key)).toList();
        Map<String, ConversationId> byKey = new HashMap<>();
        Object[] parameters = new Object[2 * sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            byKey.put(sorted.get(i).key(), sorted.get(i));
            parameters[2 * i] = sorted.get(i).key();
            parameters[2 * i + 1] = counts.get(sorted.get(i));
        }
        String values = String.join(", ", Collections.nCopies(sorted.size(), "(?, CAST(? AS BIGINT))"));
        // a VALUES list's columns are column1, column2 on both SQLite and PostgreSQL
        List<Map.Entry<String, Long>> updated = Sql.query(connection, "UPDATE conversations SET last_seq = conversations.last_seq + v.column2"
                + " FROM (VALUES " + values + ") AS v WHERE conversations.id = v.column1 RETURNING conversations.id, conversations.last_seq",
                row -> Map.entry(row.getString(1), row.getLong(2)), parameters);
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

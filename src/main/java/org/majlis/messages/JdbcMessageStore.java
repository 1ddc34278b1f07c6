package org.majlis.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.config.MajlisConfig;
import org.majlis.files.FileStore;
import org.majlis.limits.Limits;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.store.Database;
import org.majlis.store.GroupCommit;
import org.majlis.store.Sql;
import org.majlis.store.StoreException;

/** {@link MessageStore} on JDBC, the same SQL for H2 and PostgreSQL. */
@ApplicationScoped
public class JdbcMessageStore implements MessageStore {

    private static final int MAX_BATCH = 512;
    /** Unread counts stop here (a client shows "999+"): counting a whole busy room at every login costs too much. */
    static final int MAX_UNREAD = 1000;
    private static final String COLUMNS = "seq, id, sender, recipient, body, sent_at";
    private static final String READ_COLUMNS = COLUMNS + ", attachments, edited_at, deleted";
    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private final Database database;
    private final FileStore files;
    private final Limits limits;
    private final ObjectMapper json;
    private final GroupCommit<Draft> writer;
    private volatile long lastOverflowWarning;

    public JdbcMessageStore(Database database, FileStore files, ObjectMapper json, Limits limits, MajlisConfig config) {
        this.database = database;
        this.limits = limits;
        this.files = files;
        this.json = json;
        this.writer = new GroupCommit<>("majlis-message-writer", 65_536, MAX_BATCH, config.commitLinger(), new GroupCommit.Batch<>() {
            @Override
            public void commit(List<Draft> drafts) throws SQLException {
                commitBatch(drafts);
            }

            @Override
            public void failed(List<Draft> drafts, Exception cause) {
                drafts.forEach(d -> d.failed().accept(cause));
            }
        });
    }

    @Override
    public void drain() {
        writer.close();
    }

    /** Writes what is queued before the datasources close (they close after ShutdownEvent observers). */
    void stop(@Observes ShutdownEvent shutdown) {
        writer.close();
    }

    @Override
    public void append(Draft draft) {
        if (!writer.submit(draft)) {
            long now = System.currentTimeMillis();
            if (now - lastOverflowWarning > 10_000) {
                lastOverflowWarning = now;
                Log.warn("the message store is not keeping up: messages are refused with internal");
            }
            draft.failed().accept(new IllegalStateException("the message store is not keeping up"));
        }
    }

    private void commitBatch(List<Draft> drafts) throws SQLException {
        List<Draft> accepted = new ArrayList<>(drafts.size());
        List<StoredMessage> stored = new ArrayList<>(drafts.size());
        Map<Draft, ProtocolException> refused = new LinkedHashMap<>();
        long[] waits = limits.clusterMessages(drafts, Draft::from);
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                Map<ConversationId, long[]> lastSeqs = lockConversations(connection, drafts);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (conversation_id, " + COLUMNS
                        + ", sender_key, attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < drafts.size(); i++) {
                        Draft draft = drafts.get(i);
                        if (waits[i] > 0) {
                            refused.put(draft, Limits.refused(waits[i]));
                            continue;
                        }
                        List<Attachment> attachments = List.of();
                        if (draft.attachments() != null && !draft.attachments().isEmpty()) {
                            try {
                                attachments = files.attach(connection, draft.id(), Names.key(draft.from()), draft.attachments());
                            } catch (ProtocolException refusal) {
                                refused.put(draft, refusal);
                                continue;
                            }
                        }
                        ConversationId conversation = draft.conversation();
                        String to = conversation.isRoom() ? null : conversation.partnerOf(Names.key(draft.from()));
                        StoredMessage message = new StoredMessage(conversation, ++lastSeqs.get(conversation)[0], draft.id(),
                                draft.from(), to, draft.body(), draft.sentAt(), attachments, null, false);
                        insert.setString(1, conversation.key());
                        insert.setLong(2, message.seq());
                        insert.setString(3, message.id());
                        insert.setString(4, message.from());
                        insert.setString(5, message.to());
                        insert.setString(6, message.body());
                        insert.setLong(7, message.sentAt());
                        insert.setString(8, Names.key(message.from()));
                        insert.setString(9, attachments.isEmpty() ? null : toJson(attachments));
                        insert.addBatch();
                        accepted.add(draft);
                        stored.add(message);
                    }
                    if (!accepted.isEmpty()) {
                        insert.executeBatch();
                    }
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE conversations SET last_seq = ? WHERE id = ?")) {
                    for (Map.Entry<ConversationId, long[]> entry : lastSeqs.entrySet()) {
                        update.setLong(1, entry.getValue()[0]);
                        update.setString(2, entry.getKey().key());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        refused.forEach((draft, refusal) -> draft.failed().accept(refusal));
        for (int i = 0; i < accepted.size(); i++) {
            accepted.get(i).committed().accept(stored.get(i));
        }
    }

    /**
     * Locks the rows of every conversation in the batch with one statement (so that nodes sharing
     * the database number messages one after the other), creating direct conversations on their
     * first message, and returns each one's last seq.
     */
    private static Map<ConversationId, long[]> lockConversations(Connection connection, List<Draft> drafts) throws SQLException {
        Map<String, ConversationId> byKey = new LinkedHashMap<>();
        drafts.forEach(d -> byKey.putIfAbsent(d.conversation().key(), d.conversation()));
        Map<ConversationId, long[]> lastSeqs = selectForUpdate(connection, byKey);
        if (lastSeqs.size() < byKey.size()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO conversations (id, user_a, user_b, name_a, name_b, last_seq, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)")) {
                for (ConversationId conversation : byKey.values()) {
                    if (lastSeqs.containsKey(conversation)) {
                        continue;
                    }
                    if (conversation.isRoom()) {
                        throw new SQLException("room " + conversation.room() + " does not exist");
                    }
                    insert.setString(1, conversation.key());
                    insert.setString(2, Names.key(conversation.userA()));
                    insert.setString(3, Names.key(conversation.userB()));
                    insert.setString(4, conversation.userA());
                    insert.setString(5, conversation.userB());
                    insert.setLong(6, System.currentTimeMillis());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            lastSeqs = selectForUpdate(connection, byKey);
        }
        return lastSeqs;
    }

    private static Map<ConversationId, long[]> selectForUpdate(Connection connection, Map<String, ConversationId> byKey)
            throws SQLException {
        String marks = String.join(",", Collections.nCopies(byKey.size(), "?"));
        Map<ConversationId, long[]> lastSeqs = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, last_seq FROM conversations WHERE id IN (" + marks + ") FOR UPDATE")) {
            int index = 1;
            for (String key : byKey.keySet()) {
                select.setString(index++, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lastSeqs.put(byKey.get(rows.getString(1)), new long[] {rows.getLong(2)});
                }
            }
        }
        return lastSeqs;
    }

    @Override
    public Page history(ConversationId conversation, Long before, Long after, int limit) {
        boolean ascending = after != null;
        StringBuilder sql = new StringBuilder("SELECT " + READ_COLUMNS + " FROM messages WHERE conversation_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(conversation.key()));
        if (after != null) {
            sql.append(" AND seq > ?");
            parameters.add(after);
        }
        if (before != null) {
            sql.append(" AND seq < ?");
            parameters.add(before);
        }
        sql.append(ascending ? " ORDER BY seq ASC" : " ORDER BY seq DESC").append(" LIMIT ?");
        parameters.add(limit + 1);
        try (Connection connection = database.connect()) {
            List<StoredMessage> messages = new ArrayList<>(Sql.query(connection, sql.toString(),
                    row -> readMessage(conversation, row), parameters.toArray()));
            boolean hasMore = messages.size() > limit;
            if (hasMore) {
                messages.remove(messages.size() - 1);
            }
            if (!ascending) {
                Collections.reverse(messages);
            }
            return new Page(messages, hasMore, reactions(connection, messages));
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private record ReactionRow(String messageId, String emoji, String username) {
    }

    private static Map<String, Map<String, List<String>>> reactions(Connection connection, List<StoredMessage> messages)
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

    /** A row of READ_COLUMNS. */
    private StoredMessage readMessage(ConversationId conversation, ResultSet row) throws SQLException {
        long editedAt = row.getLong(8);
        Long edited = row.wasNull() ? null : editedAt;
        return new StoredMessage(conversation, row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getLong(6), fromJson(row.getString(7)), edited, row.getBoolean(9));
    }

    private String toJson(List<Attachment> attachments) {
        try {
            return json.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Attachment> fromJson(String attachments) {
        if (attachments == null) {
            return List.of();
        }
        try {
            return json.readValue(attachments, ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable attachments in the store", e);
        }
    }

    @Override
    public List<Summary> summaries(String userKey, List<ConversationId> rooms, boolean withDirects) {
        List<Summary> summaries = new ArrayList<>();
        try (Connection connection = database.connect()) {
            List<ConversationId> conversations = new ArrayList<>(rooms);
            if (withDirects) {
                conversations.addAll(Sql.query(connection, "SELECT name_a, name_b FROM conversations WHERE user_a = ? OR user_b = ?",
                        row -> ConversationId.direct(row.getString(1), row.getString(2)), userKey, userKey));
            }
            try (PreparedStatement marks = connection.prepareStatement("""
                    SELECT c.last_seq, COALESCE(r.seq, 0) FROM conversations c
                    LEFT JOIN read_marks r ON r.conversation_id = c.id AND r.username_key = ? WHERE c.id = ?""");
                    PreparedStatement unread = connection.prepareStatement("""
                    SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE conversation_id = ? AND seq > ? AND sender_key <> ?
                    LIMIT ?) AS counted""")) {
                for (ConversationId conversation : conversations) {
                    marks.setString(1, userKey);
                    marks.setString(2, conversation.key());
                    long lastSeq = 0;
                    long readSeq = 0;
                    try (ResultSet rows = marks.executeQuery()) {
                        if (rows.next()) {
                            lastSeq = rows.getLong(1);
                            readSeq = rows.getLong(2);
                        }
                    }
                    long count = 0;
                    if (lastSeq > readSeq) {
                        unread.setString(1, conversation.key());
                        unread.setLong(2, readSeq);
                        unread.setString(3, userKey);
                        unread.setInt(4, MAX_UNREAD);
                        try (ResultSet rows = unread.executeQuery()) {
                            count = rows.next() ? rows.getLong(1) : 0;
                        }
                    }
                    summaries.add(new Summary(conversation, lastSeq, count));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return summaries;
    }

    @Override
    public long markRead(ConversationId conversation, String username, long seq) {
        String userKey = Names.key(username);
        try (Connection connection = database.connect()) {
            Long last = Sql.first(connection, "SELECT last_seq FROM conversations WHERE id = ?", row -> row.getLong(1),
                    conversation.key());
            long mark = last == null ? 0 : Math.min(seq, last);
            if (mark <= 0) {
                return -1;
            }
            if (Sql.update(connection, "UPDATE read_marks SET seq = ? WHERE conversation_id = ? AND username_key = ? AND seq < ?",
                    mark, conversation.key(), userKey, mark) > 0) {
                return mark;
            }
            try {
                Sql.update(connection, "INSERT INTO read_marks (conversation_id, username_key, username, seq) VALUES (?, ?, ?, ?)",
                        conversation.key(), userKey, username, mark);
                return mark;
            } catch (SQLException e) {
                if (Sql.isConstraintViolation(e)) {
                    return -1; // a mark exists already and is not lower
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public Map<String, Long> readSeqs(ConversationId conversation) {
        Map<String, Long> marks = new HashMap<>();
        try (Connection connection = database.connect()) {
            Sql.query(connection, "SELECT username, seq FROM read_marks WHERE conversation_id = ?",
                    row -> marks.put(row.getString(1), row.getLong(2)), conversation.key());
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return marks;
    }

    @Override
    public StoredMessage find(String messageId) {
        try (Connection connection = database.connect()) {
            return find(connection, messageId);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private StoredMessage find(Connection connection, String messageId) throws SQLException {
        record Located(String key, String room, String nameA, String nameB) {
        }
        Located located = Sql.first(connection, "SELECT c.id, c.room_name, c.name_a, c.name_b FROM messages m"
                + " JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?",
                row -> new Located(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), messageId);
        if (located == null) {
            return null;
        }
        ConversationId conversation = located.key().startsWith("r:") ? ConversationId.room(located.room())
                : ConversationId.direct(located.nameA(), located.nameB());
        return Sql.first(connection, "SELECT " + READ_COLUMNS + " FROM messages WHERE id = ?",
                row -> readMessage(conversation, row), messageId);
    }

    @Override
    public StoredMessage edit(String messageId, String body, long editedAt) {
        try (Connection connection = database.connect()) {
            if (Sql.update(connection, "UPDATE messages SET body = ?, edited_at = ? WHERE id = ? AND deleted = FALSE",
                    body, editedAt, messageId) == 0) {
                return null;
            }
            return find(connection, messageId);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public boolean delete(String messageId) {
        return Sql.transaction(database, connection -> {
            boolean changed = Sql.update(connection, "UPDATE messages SET body = '', attachments = NULL, deleted = TRUE"
                    + " WHERE id = ? AND deleted = FALSE", messageId) > 0;
            Sql.update(connection, "DELETE FROM reactions WHERE message_id = ?", messageId);
            return changed;
        });
    }

    @Override
    public Reacted react(String messageId, String emoji, String username, boolean on, int maxEmoji) {
        String userKey = Names.key(username);
        return Sql.transaction(database, connection -> {
            // the row lock orders concurrent reactions on one message, so the emoji limit holds
            Boolean deleted = Sql.first(connection, "SELECT deleted FROM messages WHERE id = ? FOR UPDATE",
                    row -> row.getBoolean(1), messageId);
            if (deleted == null || deleted) {
                throw new ProtocolException(ErrorCode.NOT_FOUND, "no such message");
            }
            return on ? addReaction(connection, messageId, emoji, username, userKey, maxEmoji)
                    : Sql.update(connection, "DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND username_key = ?",
                            messageId, emoji, userKey) > 0 ? Reacted.REMOVED : Reacted.UNCHANGED;
        });
    }

    private static Reacted addReaction(Connection connection, String messageId, String emoji, String username, String userKey,
            int maxEmoji) throws SQLException {
        List<String> emojis = Sql.query(connection, "SELECT DISTINCT emoji FROM reactions WHERE message_id = ?",
                row -> row.getString(1), messageId);
        if (!emojis.contains(emoji) && emojis.size() >= maxEmoji) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "at most " + maxEmoji + " different reactions per message");
        }
        if (Sql.first(connection, "SELECT 1 FROM reactions WHERE message_id = ? AND emoji = ? AND username_key = ?",
                row -> 1, messageId, emoji, userKey) != null) {
            return Reacted.UNCHANGED;
        }
        Sql.update(connection, "INSERT INTO reactions (message_id, emoji, username_key, username, created_at) VALUES (?, ?, ?, ?, ?)",
                messageId, emoji, userKey, username, System.currentTimeMillis());
        return Reacted.ADDED;
    }
}

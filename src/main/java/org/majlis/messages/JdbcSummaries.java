package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/** {@link Summaries} on JDBC: two statements prepared once (kept between calls on SQLite) and run for each conversation. */
@ApplicationScoped
public class JdbcSummaries implements Summaries {

    private final Database database;
    private final PendingMessages pending;

    public JdbcSummaries(Database database, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
    }

    @Override
    public List<Summary> summaries(String userKey, List<ConversationId> rooms, boolean withDirects) {
        pending.awaitApplied();
        return Sql.run(database, connection -> {
            List<ConversationId> conversations = new ArrayList<>(rooms);
            if (withDirects) {
                conversations.addAll(Sql.query(connection, "SELECT name_a, name_b FROM conversations WHERE user_a = ? OR user_b = ?",
                        row -> ConversationId.direct(row.getString(1), row.getString(2)), userKey, userKey));
            }
            List<Summary> summaries = new ArrayList<>(conversations.size());
            try (Sql.Statement marksStatement = Sql.prepare(connection, """
                    SELECT c.last_seq, COALESCE(r.seq, 0) FROM conversations c
                    LEFT JOIN read_marks r ON r.conversation_id = c.id AND r.username_key = ? WHERE c.id = ?""");
                    Sql.Statement unreadStatement = Sql.prepare(connection, """
                    SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ?
                    AND sender_key <> ? LIMIT ?) AS counted""")) {
                PreparedStatement marks = marksStatement.get();
                PreparedStatement unread = unreadStatement.get();
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
                        // a range of known size whatever the plan: PostgreSQL without statistics (never analyzed)
                        // read a whole busy room with a bitmap scan at every login (8 s at 4.6 million messages)
                        unread.setLong(2, Math.max(readSeq, lastSeq - UNREAD_WINDOW));
                        unread.setLong(3, lastSeq);
                        unread.setString(4, userKey);
                        unread.setInt(5, MAX_UNREAD);
                        try (ResultSet rows = unread.executeQuery()) {
                            count = rows.next() ? rows.getLong(1) : 0;
                        }
                    }
                    summaries.add(new Summary(conversation, lastSeq, count));
                }
            }
            return summaries;
        });
    }
}

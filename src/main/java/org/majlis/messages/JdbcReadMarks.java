package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/** {@link ReadMarks} on JDBC. */
@ApplicationScoped
public class JdbcReadMarks implements ReadMarks {

    private final Database database;
    private final PendingMessages pending;

    public JdbcReadMarks(Database database, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
    }

    @Override
    public long markRead(ConversationId conversation, String username, long seq) {
        String userKey = Names.key(username);
        // a mark is held to the last seq given: the journal's when it is ahead (a receipt need not wait for its copy)
        OptionalLong numbered = pending.lastSeq(conversation.key());
        return Sql.run(database, connection -> {
            Long last = numbered.isPresent() ? numbered.getAsLong() : Sql.first(connection, "SELECT last_seq FROM conversations WHERE id = ?",
                    row -> row.getLong(1), conversation.key());
            long mark = last == null ? 0 : Math.min(seq, last);
            if (mark <= 0) {
                return -1L;
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
                    return -1L; // a mark exists already and is not lower
                }
                throw e;
            }
        });
    }

    @Override
    public Map<String, Long> readSeqs(ConversationId conversation) {
        Map<String, Long> marks = new HashMap<>();
        Sql.run(database, connection -> Sql.query(connection, "SELECT username, seq FROM read_marks WHERE conversation_id = ?",
                row -> marks.put(row.getString(1), row.getLong(2)), conversation.key()));
        return marks;
    }
}

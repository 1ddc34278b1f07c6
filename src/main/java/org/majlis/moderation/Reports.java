package org.majlis.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.majlis.store.Database;
import org.majlis.store.Ids;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/** Reports of messages, open until an administrator resolves them. Blocking: worker threads only. */
@ApplicationScoped
public class Reports {

    private static final char REPORT = 'r';
    private static final String SELECT = """
            SELECT r.id, r.message_id, c.room_name, c.name_a, c.name_b, m.sender, m.body, r.reporter, r.reason, r.created_at,
                r.resolved_by, r.resolved_at, r.resolution
            FROM reports r LEFT JOIN messages m ON m.id = r.message_id LEFT JOIN conversations c ON c.id = r.conversation_id
            """;

    private final Database database;
    private final PendingMessages pending;

    public Reports(Database database, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
    }

    /** Files a report; returns its id. */
    public String file(String messageId, String conversationKey, String reporter, String reason) {
        long now = System.currentTimeMillis();
        String id = Ids.next(REPORT, now);
        Sql.run(database, connection -> Sql.update(connection, """
                INSERT INTO reports (id, message_id, conversation_id, reporter, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)""",
                id, messageId, conversationKey, reporter, reason, now));
        return id;
    }

    /** Up to {@code limit} reports older than {@code before} (none: the newest), newest first; only open ones unless {@code all}. */
    public List<Report> page(boolean all, String before, int limit) {
        pending.awaitApplied(); // the reported messages' text
        return Sql.run(database, connection -> Sql.query(connection, SELECT + " WHERE r.id < ?"
                + (all ? "" : " AND r.resolved_at IS NULL") + " ORDER BY r.id DESC LIMIT ?", Reports::read,
                before == null ? "\uffff" : before, limit));
    }

    /** Resolves an open report; false when there is no open report of that id. */
    public boolean resolve(String id, String by, String resolution) {
        return Sql.run(database, connection -> Sql.update(connection, """
                UPDATE reports SET resolved_by = ?, resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL""",
                by, System.currentTimeMillis(), resolution, id)) == 1;
    }

    private static Report read(ResultSet row) throws SQLException {
        String room = row.getString(3);
        String between = room == null && row.getString(4) != null ? row.getString(4) + ", " + row.getString(5) : null;
        long resolvedAt = row.getLong(12);
        return new Report(row.getString(1), row.getString(2), room, between, row.getString(6), row.getString(7), row.getString(8),
                row.getString(9), Instant.ofEpochMilli(row.getLong(10)).toString(), row.getString(11),
                row.wasNull() ? null : Instant.ofEpochMilli(resolvedAt).toString(), row.getString(13));
    }
}

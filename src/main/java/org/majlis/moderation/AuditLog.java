package org.majlis.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.majlis.store.Database;
import org.majlis.store.Ids;
import org.majlis.store.Sql;

/** The audit log: every moderation action, newest first. Blocking: worker threads only. */
@ApplicationScoped
public class AuditLog {

    private static final char ENTRY = 'a';

    private final Database database;

    public AuditLog(Database database) {
        this.database = database;
    }

    /** Records an action now; all but the actor and the action may be null. */
    public void record(String actor, String action, String room, String target, String detail, String reason) {
        long now = System.currentTimeMillis();
        Sql.run(database, connection -> Sql.update(connection,
                "INSERT INTO audit_log (id, at, actor, action, room, target, detail, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Ids.next(ENTRY, now), now, actor, action, room, target, detail, reason));
    }

    /** Up to {@code limit} entries older than the entry {@code before} (none: the newest), newest first. */
    public List<AuditEntry> page(String before, int limit) {
        return Sql.run(database, connection -> Sql.query(connection, "SELECT id, at, actor, action, room, target, detail, reason"
                + " FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?",
                row -> new AuditEntry(row.getString(1), Instant.ofEpochMilli(row.getLong(2)).toString(), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8)),
                before == null ? "\uffff" : before, limit));
    }
}

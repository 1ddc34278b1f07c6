package org.majlis.integrations;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/** The incoming webhooks in the database. Blocking: worker threads only. */
@ApplicationScoped
class WebhookStore {

    /** A webhook as its managers see it (never its secret). */
    @RegisterForReflection
    record Webhook(String id, String name, String createdBy, long createdAt) {
    }

    /** What posting through a webhook needs: its room's conversation key, its name, its secret's digest. */
    record Stored(String id, String conversationKey, String name, String secretDigest) {
    }

    private final Database database;

    WebhookStore(Database database) {
        this.database = database;
    }

    void create(String id, ConversationId room, String name, String secretDigest, String createdBy, long createdAt) {
        Sql.run(database, connection -> Sql.update(connection, "INSERT INTO webhooks (id, conversation_id, name, secret_hash,"
                + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)", id, room.key(), name, secretDigest, createdBy, createdAt));
    }

    List<Webhook> of(ConversationId room) {
        return Sql.run(database, connection -> Sql.query(connection, "SELECT id, name, created_by, created_at FROM webhooks"
                + " WHERE conversation_id = ? ORDER BY id", row -> new Webhook(row.getString(1), row.getString(2),
                        row.getString(3), row.getLong(4)), room.key()));
    }

    Stored find(String id) {
        return Sql.run(database, connection -> Sql.first(connection, "SELECT id, conversation_id, name, secret_hash FROM webhooks"
                + " WHERE id = ?", row -> new Stored(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), id));
    }

    /** False when the room has no such webhook. */
    boolean delete(ConversationId room, String id) {
        return Sql.run(database, connection -> Sql.update(connection, "DELETE FROM webhooks WHERE id = ? AND conversation_id = ?",
                id, room.key())) > 0;
    }
}

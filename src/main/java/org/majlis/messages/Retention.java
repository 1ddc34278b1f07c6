package org.majlis.messages;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import org.majlis.config.MajlisConfig;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;

/**
 * Deletes messages beyond the configured age or count, periodically, on a worker thread. Numbering
 * is untouched: a conversation's seq keeps growing, and history simply starts later.
 */
@ApplicationScoped
public class Retention {

    private final Database database;
    private final PendingMessages pending;
    private final MajlisConfig.Retention config;
    private final Vertx vertx;
    private final MessageSearch search;

    public Retention(Database database, MajlisConfig config, Vertx vertx, MessageSearch search, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
        this.config = config.retention();
        this.vertx = vertx;
        this.search = search;
    }

    void schedule(@Observes StartupEvent start) {
        if (config.maxAge().isPresent() || config.maxCount().isPresent()) {
            vertx.setPeriodic(config.interval().toMillis(), id -> vertx.executeBlocking(() -> {
                apply();
                return null;
            }, false));
        }
    }

    /**
     * Applies the limits now; returns the number of messages deleted. Their reactions go with them
     * (their files with the next file sweep). Blocking.
     */
    public int apply() {
        pending.awaitApplied(); // the newest messages, which the count limit keeps
        int deleted = 0;
        try (Connection connection = database.connect()) {
            if (config.maxAge().isPresent()) {
                deleted += Sql.update(connection, "DELETE FROM messages WHERE sent_at < ?",
                        System.currentTimeMillis() - config.maxAge().get().toMillis());
            }
            if (config.maxCount().isPresent()) {
                deleted += Sql.update(connection, """
                        DELETE FROM messages WHERE seq <= (SELECT c.last_seq - ? FROM conversations c
                            WHERE c.id = messages.conversation_id)""", config.maxCount().getAsLong());
            }
            if (deleted > 0) {
                Sql.update(connection, "DELETE FROM reactions WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = reactions.message_id)");
            }
        } catch (SQLException e) {
            Log.error("retention failed; it is tried again at the next interval", e);
        }
        if (deleted > 0) {
            search.pruned();
        }
        return deleted;
    }
}

package org.majlis.integrations;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.stream.Collectors;
import org.majlis.config.MajlisConfig;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * The rooms' outgoing URLs: in the database, and in memory for the message deliveries, which may
 * not wait for the database. A change made here applies at once; one made on another node when
 * this node next reads the table (every {@code outgoing-refresh}).
 */
@ApplicationScoped
class OutgoingTargets {

    /** Where a room's messages go, and the secret that signs them. */
    record Target(String url, String secret) {
    }

    private final Database database;
    private final Vertx vertx;
    private final MajlisConfig config;
    private volatile Map<String, Target> byConversation = Map.of();

    OutgoingTargets(Database database, Vertx vertx, MajlisConfig config) {
        this.database = database;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent start) {
        reload();
        vertx.setPeriodic(config.integrations().outgoingRefresh().toMillis(), id -> vertx.executeBlocking(() -> {
            reload();
            return null;
        }, false).onFailure(e -> Log.warnf("reading the outgoing URLs failed, tried again soon: %s", e.toString())));
    }

    /** The room's target, or null. Cheap. */
    Target of(ConversationId room) {
        return byConversation.get(room.key());
    }

    /** Blocking: sets the room's one URL, replacing any. */
    void set(ConversationId room, String url, String secret, String setBy) {
        Sql.transaction(database, connection -> {
            Sql.update(connection, "DELETE FROM outgoing_hooks WHERE conversation_id = ?", room.key());
            return Sql.update(connection, "INSERT INTO outgoing_hooks (conversation_id, url, secret, created_by, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", room.key(), url, secret, setBy, System.currentTimeMillis());
        });
        reload();
    }

    /** Blocking: false when the room had none. */
    boolean remove(ConversationId room) {
        boolean removed = Sql.run(database, connection -> Sql.update(connection,
                "DELETE FROM outgoing_hooks WHERE conversation_id = ?", room.key())) > 0;
        reload();
        return removed;
    }

    private void reload() {
        byConversation = Sql.run(database, connection -> Sql.query(connection, "SELECT conversation_id, url, secret FROM outgoing_hooks",
                row -> Map.entry(row.getString(1), new Target(row.getString(2), row.getString(3)))))
                .stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

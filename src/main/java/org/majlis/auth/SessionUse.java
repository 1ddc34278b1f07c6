package org.majlis.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each session was last used, gathered in memory and written once a minute in one batch: a
 * reconnect wave must not cost a write per login. The list of a user's sessions is therefore up
 * to a minute behind.
 */
@ApplicationScoped
public class SessionUse {

    static final long FLUSH_MILLIS = 60_000;

    private final SessionStore store;
    private final Vertx vertx;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    public SessionUse(SessionStore store, Vertx vertx) {
        this.store = store;
        this.vertx = vertx;
    }

    void schedule(@Observes StartupEvent start) {
        vertx.setPeriodic(FLUSH_MILLIS, id -> vertx.executeBlocking(() -> {
            flush();
            return null;
        }, false).onFailure(e -> Log.warnf("writing when sessions were last used failed, tried again in a minute: %s", e.toString())));
    }

    /** Writes what is pending before the datasources close (they close after ShutdownEvent observers). */
    void stop(@Observes ShutdownEvent shutdown) {
        flush();
    }

    /** The session was used now; cheap, for the event loop. */
    public void used(String sessionId) {
        if (sessionId != null) {
            pending.merge(sessionId, System.currentTimeMillis(), Math::max);
        }
    }

    /** Writes the uses gathered so far; those that fail are kept for the next try. Blocking. */
    void flush() {
        Map<String, Long> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Long at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            store.used(batch);
        } catch (RuntimeException e) {
            batch.forEach((id, at) -> pending.merge(id, at, Math::max));
            throw e;
        }
    }
}

package org.majlis.presence;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;
import org.majlis.ws.ServerEvent;
import org.majlis.ws.ServerEvent.UserStatus;

/**
 * Tells everyone who came, went or changed status. Changes are gathered for a short delay and
 * sent as one {@code presence} event, so a storm of logins costs a few frames, not one per login.
 */
@ApplicationScoped
public class PresenceService {

    private final UserRegistry registry;
    private final Vertx vertx;
    private final long delayMillis;
    private final Map<String, UserStatus> pending = new LinkedHashMap<>();
    private boolean flushScheduled;

    public PresenceService(UserRegistry registry, Vertx vertx, MajlisConfig config) {
        this.registry = registry;
        this.vertx = vertx;
        this.delayMillis = Math.max(1, config.presenceBatchDelay().toMillis());
    }

    public void online(OnlineUser user) {
        changed(new UserStatus(user.name(), user.status().wire(), null));
    }

    public void offline(OnlineUser user) {
        changed(new UserStatus(user.name(), Status.OFFLINE.wire(), Instant.now().toString()));
    }

    public void setStatus(OnlineUser user, Status status) {
        registry.setStatus(user, status);
        online(user);
    }

    /** Everyone online now, for {@code welcome} and {@code users}. */
    public List<UserStatus> snapshot() {
        List<UserStatus> users = new ArrayList<>();
        for (OnlineUser user : registry.onlineUsers()) {
            users.add(new UserStatus(user.name(), user.status().wire(), null));
        }
        return users;
    }

    private void changed(UserStatus change) {
        synchronized (pending) {
            // the latest change of a user replaces an earlier one still waiting
            pending.remove(Names.key(change.username()));
            pending.put(Names.key(change.username()), change);
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        vertx.setTimer(delayMillis, id -> flush());
    }

    private void flush() {
        List<UserStatus> changes;
        synchronized (pending) {
            changes = new ArrayList<>(pending.values());
            pending.clear();
            flushScheduled = false;
        }
        if (!changes.isEmpty()) {
            registry.broadcast(new ServerEvent.Presence(changes));
        }
    }
}

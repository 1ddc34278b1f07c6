package org.majlis.presence;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.cluster.Cluster;
import org.majlis.cluster.FanOut;
import org.majlis.cluster.Target;
import org.majlis.cluster.UserDirectory;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Status;
import org.majlis.connections.UserRegistry;
import org.majlis.names.Names;
import org.majlis.protocol.ServerEvent.Presence;
import org.majlis.protocol.ServerEvent.UserStatus;

/**
 * Tells who came, went or changed status: everyone, or above the presence threshold only the
 * connections that show that user ({@link PresenceScope}). Changes are gathered for a short delay
 * and sent together, so a storm of logins costs a few frames, not one per login, in the
 * {@code all} scope. In a cluster the changes reach every node, and a user still connected to
 * another node does not go offline when its connections here close.
 */
@ApplicationScoped
public class PresenceService implements Cluster.WentOffline {

    private final UserRegistry registry;
    private final PresenceScope scope;
    private final FanOut fanOut;
    private final UserDirectory directory;
    private final boolean clustered;
    private final Vertx vertx;
    private final long delayMillis;
    private final Map<String, UserStatus> pending = new LinkedHashMap<>();
    private boolean flushScheduled;

    public PresenceService(UserRegistry registry, PresenceScope scope, FanOut fanOut, UserDirectory directory, Cluster cluster,
            Vertx vertx, MajlisConfig config) {
        this.registry = registry;
        this.scope = scope;
        this.fanOut = fanOut;
        this.directory = directory;
        this.clustered = cluster.enabled();
        this.vertx = vertx;
        this.delayMillis = Math.max(1, config.presenceBatchDelay().toMillis());
    }

    public void online(OnlineUser user) {
        directory.online(user.name(), user.status().wire());
        changed(new UserStatus(user.name(), user.status().wire(), null));
    }

    /** The user's last connection on this node closed. */
    public void offline(OnlineUser user) {
        directory.offline(user.name());
        if (user.guest()) {
            directory.releaseGuestName(Names.skeleton(user.name()));
        }
        if (!clustered) {
            changed(offlineStatus(user.name()));
            return;
        }
        vertx.executeBlocking(() -> directory.onlineElsewhere(user.name()), false).onSuccess(elsewhere -> {
            if (!elsewhere && registry.find(user.name()) == null) {
                changed(offlineStatus(user.name()));
            }
        });
    }

    public void setStatus(OnlineUser user, Status status) {
        registry.setStatus(user, status);
        online(user);
    }

    /** The users of a departed node: offline at once, in one event. */
    @Override
    public void wentOffline(List<String> names) {
        List<UserStatus> changes = new ArrayList<>();
        names.stream().filter(name -> registry.find(name) == null).forEach(name -> changes.add(offlineStatus(name)));
        send(changes);
    }

    /**
     * Blocking in a cluster: the users of these names now, online with their status or offline
     * (without a last-seen time), in the order asked.
     */
    public List<UserStatus> statuses(Collection<String> names) {
        Map<String, UserStatus> found = new HashMap<>();
        List<String> notHere = new ArrayList<>();
        for (String name : names) {
            OnlineUser user = registry.find(name);
            if (user != null) {
                found.put(Names.key(name), new UserStatus(user.name(), user.status().wire(), null));
            } else {
                notHere.add(name);
            }
        }
        if (clustered && !notHere.isEmpty()) {
            directory.statusesElsewhere(notHere).forEach(user -> found.putIfAbsent(Names.key(user.username()), user));
        }
        List<UserStatus> statuses = new ArrayList<>(names.size());
        for (String name : names) {
            statuses.add(found.getOrDefault(Names.key(name), new UserStatus(name, Status.OFFLINE.wire(), null)));
        }
        return statuses;
    }

    /** Everyone online now, for {@code welcome} and {@code users}. Blocking in a cluster (it asks Redis). */
    public List<UserStatus> snapshot() {
        Map<String, UserStatus> users = new LinkedHashMap<>();
        for (OnlineUser user : registry.onlineUsers()) {
            users.put(Names.key(user.name()), new UserStatus(user.name(), user.status().wire(), null));
        }
        if (clustered) {
            directory.elsewhere().forEach(user -> users.putIfAbsent(Names.key(user.username()), user));
        }
        return new ArrayList<>(users.values());
    }

    private static UserStatus offlineStatus(String name) {
        return new UserStatus(name, Status.OFFLINE.wire(), Instant.now().toString());
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
            flushScheduled = false;
            if (scope.switchingBack()) {
                return; // kept: they go to everyone after the list of everyone has gone out (the switch flushes then)
            }
            changes = new ArrayList<>(pending.values());
            pending.clear();
        }
        send(changes);
        scope.reconsider(this::snapshot, this::flush);
    }

    /** To everyone in the {@code all} scope; else each change to the audience of its user. */
    private void send(List<UserStatus> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (!scope.subscribed()) {
            fanOut.send(new Target.Everyone(), Presence.of(changes));
            return;
        }
        for (UserStatus change : changes) {
            fanOut.send(new Target.Audience(change.username()), Presence.of(List.of(change)));
        }
    }
}

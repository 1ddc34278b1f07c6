package org.majlis.connections;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.majlis.names.Names;

/**
 * Whose presence each connection of this node shows, for the {@code subscribed} scope: the users
 * it subscribed to ({@code presence_subscribe}, replaced each time) and its direct-conversation
 * partners (kept while it is open). Indexed by the watched user, so that a change costs work in
 * proportion to the connections that show that user, not to everyone online.
 */
@ApplicationScoped
public class PresenceInterest {

    /** A watched user's key to the connections that show it. */
    private final ConcurrentHashMap<String, Set<Session>> watchers = new ConcurrentHashMap<>();
    private final UserRegistry registry;

    public PresenceInterest(UserRegistry registry) {
        this.registry = registry;
    }

    /** The connection shows these users from now on, and no longer those it subscribed to before. */
    public void subscribe(Session session, Collection<String> names) {
        Set<String> keys = new HashSet<>();
        names.forEach(name -> keys.add(Names.key(name)));
        synchronized (session) {
            if (session.isClosed()) {
                return; // forgotten already: nothing may be left watching for it
            }
            for (String key : session.subscribedKeys) {
                if (!keys.contains(key) && !session.partnerKeys.contains(key)) {
                    unwatch(key, session);
                }
            }
            keys.forEach(key -> watch(key, session));
            session.subscribedKeys = Set.copyOf(keys);
        }
    }

    /** The connection's user has a direct conversation with these users: it hears of their presence. */
    public void partners(Session session, Collection<String> names) {
        names.forEach(name -> partner(session, Names.key(name)));
    }

    /**
     * A direct message between the two, each given with its user online here (null when not): each
     * one's connections here hear of the other's presence.
     */
    public void pair(String nameA, OnlineUser onlineA, String nameB, OnlineUser onlineB) {
        if (onlineA != null) {
            String keyB = Names.key(nameB);
            onlineA.sessions().forEach(session -> partner(session, keyB));
        }
        if (onlineB != null) {
            String keyA = Names.key(nameA);
            onlineB.sessions().forEach(session -> partner(session, keyA));
        }
    }

    /** The closed connection shows nobody any more. */
    public void forget(Session session) {
        synchronized (session) {
            session.subscribedKeys.forEach(key -> unwatch(key, session));
            session.partnerKeys.forEach(key -> unwatch(key, session));
            session.subscribedKeys = Set.of();
            session.partnerKeys = Set.of();
        }
    }

    /** The connections of this node that hear of the user's presence: its own and those that show it. */
    public Collection<Session> audienceOf(String name) {
        Set<Session> audience = new LinkedHashSet<>();
        OnlineUser user = registry.find(name);
        if (user != null) {
            audience.addAll(user.sessions());
        }
        Set<Session> watching = watchers.get(Names.key(name));
        if (watching != null) {
            audience.addAll(watching);
        }
        return audience;
    }

    private void partner(Session session, String key) {
        synchronized (session) {
            if (session.isClosed()) {
                return;
            }
            if (session.partnerKeys.isEmpty()) {
                session.partnerKeys = new HashSet<>(); // the shared empty set until the first partner
            }
            if (session.partnerKeys.add(key)) {
                watch(key, session);
            }
        }
    }

    private void watch(String key, Session session) {
        watchers.compute(key, (k, sessions) -> {
            Set<Session> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            set.add(session);
            return set;
        });
    }

    private void unwatch(String key, Session session) {
        watchers.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }
}

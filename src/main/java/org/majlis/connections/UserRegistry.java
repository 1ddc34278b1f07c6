package org.majlis.connections;

import io.quarkus.websockets.next.OpenConnections;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.majlis.metrics.ChatMetrics;
import org.majlis.names.Names;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent;

/**
 * Who is connected: username (case-folded) to the user's open connections, and the ways to reach
 * them. A guest name belongs to one connection; a registered user may have several.
 */
@ApplicationScoped
public class UserRegistry {

    private final ConcurrentHashMap<String, OnlineUser> online = new ConcurrentHashMap<>();
    /** The key of the user online under each name skeleton: a lookalike of a connected name is taken. */
    private final ConcurrentHashMap<String, String> keyBySkeleton = new ConcurrentHashMap<>();
    private final Delivery delivery;
    private final Frames frames;

    private final ChatMetrics metrics;

    public UserRegistry(OpenConnections connections, Delivery delivery, Frames frames, ChatMetrics metrics) {
        this.delivery = delivery;
        this.frames = frames;
        this.metrics = metrics;
        metrics.gauge("majlis.connections.open", "Open WebSocket connections", () -> connections.listAll().size());
        metrics.gauge("majlis.users.online", "Users logged in on this node", online::size);
    }

    /**
     * Attaches the session to its user and starts delivering to it, held until
     * {@link #welcome}. Returns true when the user just came online. On the session's event loop.
     * A guest name that another guest has connected is taken, and so is a registered name held by
     * a guest; a guest proving its identity with a token of its own session may join its own
     * connections (a reload's new connection often arrives before the old one's close), a token of
     * an earlier guest of the name may not.
     */
    public boolean login(Session session, String name, boolean guest, String sessionId, boolean provenByToken) {
        boolean[] cameOnline = {false};
        boolean[] lookalike = {false};
        OnlineUser user = online.compute(Names.key(name), (key, existing) -> {
            if (existing == null) {
                String holder = keyBySkeleton.putIfAbsent(Names.skeleton(name), key);
                if (holder != null && !holder.equals(key)) {
                    lookalike[0] = true;
                    return null;
                }
                cameOnline[0] = true;
                existing = new OnlineUser(name, guest, sessionId);
            } else if (existing.guest() != guest
                    || (guest && !(provenByToken && sessionId.equals(existing.guestSession())))) {
                return existing;
            }
            existing.sessions().add(session);
            return existing;
        });
        if (lookalike[0]) {
            throw new ProtocolException(ErrorCode.USERNAME_TAKEN, "a name that looks the same is in use");
        }
        if (!user.sessions().contains(session)) {
            throw new ProtocolException(ErrorCode.USERNAME_TAKEN, "that name is in use");
        }
        session.user(user);
        session.outbox().hold();
        delivery.join(session.outbox());
        return cameOnline[0];
    }

    /** Detaches a closed session. Returns the user when its last connection went away. */
    public OnlineUser logout(Session session) {
        OnlineUser user = session.user();
        if (user == null) {
            return null;
        }
        delivery.leave(session.outbox());
        boolean[] wentOffline = {false};
        online.computeIfPresent(Names.key(user.name()), (key, existing) -> {
            if (existing != user) {
                return existing;
            }
            existing.sessions().remove(session);
            wentOffline[0] = existing.sessions().isEmpty();
            if (wentOffline[0]) {
                keyBySkeleton.remove(Names.skeleton(existing.name()), key);
            }
            return wentOffline[0] ? null : existing;
        });
        return wentOffline[0] ? user : null;
    }

    public OnlineUser find(String name) {
        return online.get(Names.key(name));
    }

    /** The user online here under the name or a name that looks like it ({@link Names#skeleton}), or null. */
    public OnlineUser findLookalike(String name) {
        String key = keyBySkeleton.get(Names.skeleton(name));
        return key == null ? null : online.get(key);
    }

    public Collection<OnlineUser> onlineUsers() {
        return online.values();
    }

    public void setStatus(OnlineUser user, Status status) {
        user.status(status);
    }

    /** Closes this node's connections of the user that belong to the login session (all of them when null). */
    public void close(String name, String loginSession, int code, String reason) {
        OnlineUser user = find(name);
        if (user == null) {
            return;
        }
        for (Session connection : user.sessions()) {
            if (loginSession == null || loginSession.equals(connection.loginSession())) {
                connection.close(code, reason);
            }
        }
    }

    /** Closes this node's connections of the user except those of the login session {@code kept}. */
    public void closeAllBut(String name, String kept, int code, String reason) {
        OnlineUser user = find(name);
        if (user != null) {
            user.sessions().stream().filter(connection -> !kept.equals(connection.loginSession()))
                    .forEach(connection -> connection.close(code, reason));
        }
    }

    /** Sends a frame to every logged-in connection of this node. */
    public void broadcast(Frame frame) {
        delivery.broadcast(frame);
    }

    /** Sends a frame to these connections. */
    public void sendToSessions(Frame frame, Collection<Session> sessions) {
        List<Outbox> outboxes = new ArrayList<>(sessions.size());
        sessions.forEach(session -> outboxes.add(session.outbox()));
        delivery.send(frame, outboxes);
    }

    /** Users online on this node. */
    public int onlineCount() {
        return online.size();
    }

    /** Sends a frame to every connection of the given users on this node (null elements are skipped). */
    public void sendTo(Frame frame, Collection<OnlineUser> users) {
        List<Outbox> outboxes = new ArrayList<>();
        for (OnlineUser user : users) {
            if (user != null) {
                user.sessions().forEach(s -> outboxes.add(s.outbox()));
            }
        }
        delivery.send(frame, outboxes);
    }

    /** Sends the welcome, then whatever was delivered to the session since it logged in. */
    public void welcome(Session session, ServerEvent.Welcome welcome) {
        Frame frame = frames.encode(welcome);
        try {
            session.outbox().sendReleasingHold(frame);
        } finally {
            frame.release();
        }
    }

    /** Undoes a login whose welcome could not be built: the session is logged out again. */
    public void welcomeFailed(Session session) {
        logout(session);
        session.user(null);
    }

    /** Answers a refused request with the protocol's error event. */
    public void refuse(Session session, ProtocolException refusal) {
        metrics.error(refusal.code());
        reply(session, new ServerEvent.Error(refusal.code().wire(), refusal.getMessage(), refusal.ref(),
                refusal.retryAfterMs()));
    }

    /** The {@code ack} of a request that carried an {@code id}; nothing for one that did not. */
    public void acknowledge(Session session, String ref) {
        if (ref != null) {
            reply(session, ServerEvent.Ack.of(ref));
        }
    }

    /** Sends an event to one connection. */
    public void reply(Session session, ServerEvent event) {
        if (!session.outbox().accepting()) {
            return; // closing or gone: encoding it would only hold memory
        }
        Frame frame = frames.encode(event);
        try {
            session.outbox().send(frame);
        } finally {
            frame.release();
        }
    }
}

package org.majlis.connections;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A user with at least one open, logged-in connection on this node. */
public final class OnlineUser {

    private final String name;
    private final boolean guest;
    /** A guest's login session: only tokens of this session may join its connections. Null for accounts. */
    private final String guestSession;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private volatile Status status = Status.ONLINE;

    OnlineUser(String name, boolean guest, String guestSession) {
        this.name = name;
        this.guest = guest;
        this.guestSession = guest ? guestSession : null;
    }

    public String name() {
        return name;
    }

    public boolean guest() {
        return guest;
    }

    String guestSession() {
        return guestSession;
    }

    public Status status() {
        return status;
    }

    void status(Status status) {
        this.status = status;
    }

    public List<Session> sessions() {
        return sessions;
    }
}

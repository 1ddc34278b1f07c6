package org.majlis.ws;

import io.quarkus.websockets.next.WebSocketConnection;
import org.majlis.presence.OnlineUser;

/** One WebSocket connection: its outbox and, after login, its user. */
public final class Session {

    private final WebSocketConnection connection;
    private final Outbox outbox;
    private final String address;
    private int strikes;
    private long strikeWindowStart;
    private volatile OnlineUser user;
    private volatile Runnable onClose = () -> { };

    public Session(WebSocketConnection connection, Outbox outbox, String address) {
        this.connection = connection;
        this.outbox = outbox;
        this.address = address;
    }

    /** The client's address, as the limits count it. */
    public String address() {
        return address;
    }

    /** Counts a refusal for rate; returns the count within the current window. On the event loop. */
    int strike(long nowMillis, long windowMillis) {
        if (nowMillis - strikeWindowStart > windowMillis) {
            strikeWindowStart = nowMillis;
            strikes = 0;
        }
        return ++strikes;
    }

    public WebSocketConnection connection() {
        return connection;
    }

    public Outbox outbox() {
        return outbox;
    }

    public OnlineUser user() {
        return user;
    }

    public void user(OnlineUser user) {
        this.user = user;
    }

    /** Something to undo when the connection closes (one: the session's expiry timer). */
    public void onClose(Runnable action) {
        this.onClose = action;
    }

    public void closed() {
        onClose.run();
    }

    /** The logged-in user, or the protocol's refusal for a connection that has not logged in. */
    public OnlineUser requireUser() {
        OnlineUser current = user;
        if (current == null) {
            throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "log in first");
        }
        return current;
    }
}

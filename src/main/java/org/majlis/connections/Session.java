package org.majlis.connections;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Future;
import java.util.Set;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** One WebSocket connection: its outbox and, after login, its user. */
public final class Session {

    /** Where a connection keeps its session. */
    public static final TypedKey<Session> KEY = new TypedKey<>("majlis.session");
    static final int MAX_WAITING_HISTORY = 500;

    private final WebSocketConnection connection;
    private final String address;
    private Outbox outbox;
    /** History pages are read one at a time per connection; this many more may wait. */
    private final SerialQueue historyRequests = new SerialQueue(MAX_WAITING_HISTORY);
    /** The end of this connection's blocking work in progress ({@link Offload}), or null; on the event loop. */
    Future<Void> offloaded;
    private int strikes;
    private long strikeWindowStart;
    private volatile OnlineUser user;
    /** The login session (the tokens' sid) this connection logged in with. */
    private volatile String loginSession;
    /** When the login session's token expires (the connection is closed then); 0 before login. */
    private volatile long expiresAtMillis;
    private volatile boolean closed;
    private final long openedMillis = System.currentTimeMillis();
    /** When the client last sent anything, a pong included. */
    private volatile long lastHeardMillis = System.currentTimeMillis();
    /** Whose presence this connection shows ({@link PresenceInterest}), by key; guarded by the session. */
    Set<String> subscribedKeys = Set.of();
    Set<String> partnerKeys = Set.of();

    public Session(WebSocketConnection connection, String address) {
        this.connection = connection;
        this.address = address;
    }

    /** Gives the session its outbox, once, as the connection opens. */
    public void attach(Outbox opened) {
        this.outbox = opened;
    }

    /** The client's address, as the limits count it. */
    public String address() {
        return address;
    }

    /** Counts a refusal for rate; returns the count within the current window. On the event loop. */
    public int strike(long nowMillis, long windowMillis) {
        if (nowMillis - strikeWindowStart > windowMillis) {
            strikeWindowStart = nowMillis;
            strikes = 0;
        }
        return ++strikes;
    }

    /** The client sent a frame (any frame, a pong included). */
    public void heard(long nowMillis) {
        lastHeardMillis = nowMillis;
    }

    long openedMillis() {
        return openedMillis;
    }

    long lastHeardMillis() {
        return lastHeardMillis;
    }

    /** The connection's history requests, run one at a time. On the event loop. */
    public SerialQueue historyRequests() {
        return historyRequests;
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

    public String loginSession() {
        return loginSession;
    }

    public void loginSession(String id) {
        this.loginSession = id;
    }

    /**
     * Closes the connection with a close code and reason once what was sent to it before is out;
     * closing twice is harmless. Nothing more is sent to it, and its channel is closed outright if
     * the close handshake does not end in time.
     */
    public void close(int code, String reason) {
        if (outbox == null) {
            closeNow(code, reason);
        } else {
            outbox.afterPending(() -> {
                outbox.closing();
                closeNow(code, reason);
            });
        }
    }

    private void closeNow(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, alreadyClosed -> { });
    }

    /** The connection ends with 1008 when its token does, closed by the {@link ConnectionReaper}. */
    public void expiresAt(long epochMillis) {
        this.expiresAtMillis = epochMillis;
    }

    long expiresAtMillis() {
        return expiresAtMillis;
    }

    public void closed() {
        closed = true;
    }

    /** Whether the connection has closed ({@link #closed} ran). */
    public boolean isClosed() {
        return closed;
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

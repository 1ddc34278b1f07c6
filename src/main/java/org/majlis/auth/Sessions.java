package org.majlis.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.majlis.cluster.Disconnect;
import org.majlis.cluster.FanOut;
import org.majlis.names.Names;
import org.majlis.protocol.CloseCodes;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.store.Ids;

/**
 * Login sessions and their tokens. A password login or a new guest starts a session; logging in
 * again with a token continues it (with a fresh token); a logout revokes it, on every node since
 * the sessions live in the database, and its connections close on every node. A guest's session
 * is its identity: a new guest taking a free name revokes the sessions of the guests who had it
 * before, whose tokens then stop working. Blocking (the database): worker threads only.
 */
@ApplicationScoped
public class Sessions {

    private static final char SESSION = 's';
    private static final long SWEEP_MILLIS = 3_600_000;

    private final SessionStore store;
    private final TokenService tokens;
    private final Vertx vertx;
    private final FanOut fanOut;
    private final SessionUse use;

    public Sessions(SessionStore store, TokenService tokens, Vertx vertx, FanOut fanOut, SessionUse use) {
        this.store = store;
        this.tokens = tokens;
        this.vertx = vertx;
        this.fanOut = fanOut;
        this.use = use;
    }

    void scheduleSweep(@Observes StartupEvent start) {
        vertx.setPeriodic(SWEEP_MILLIS, id -> vertx.executeBlocking(() -> store.sweep(System.currentTimeMillis()), false)
                .onFailure(e -> Log.warnf("sweeping expired sessions failed, tried again in an hour: %s", e.toString())));
    }

    /** A new session id; cheap, for the event loop. */
    public static String newId() {
        return Ids.next(SESSION, System.currentTimeMillis());
    }

    /** A new guest with a free name: its session starts, those of earlier guests of the name end. */
    public IssuedToken startGuest(String name, String sessionId) {
        Instant expiresAt = tokens.expiryFromNow();
        store.startGuest(sessionId, Names.key(name), expiresAt.toEpochMilli());
        return tokens.issue(name, true, sessionId, expiresAt);
    }

    /** A password login. */
    public IssuedToken startAccount(String name) {
        Instant expiresAt = tokens.expiryFromNow();
        String sessionId = newId();
        store.startAccount(sessionId, Names.key(name), expiresAt.toEpochMilli());
        return tokens.issue(name, false, sessionId, expiresAt);
    }

    /**
     * A login with a token: the same session goes on, refused when it has ended. A token with more
     * than half its lifetime left is kept as it is (a reconnect wave signs nothing); an older one
     * is replaced by a fresh one, and the session's expiry moves with it.
     */
    public IssuedToken renew(Identity identity) {
        use.used(identity.sessionId());
        if (tokens.young(identity.expiresAt())) {
            if (!live(identity)) {
                throw ended();
            }
            return new IssuedToken(identity.token(), identity.expiresAt());
        }
        Instant expiresAt = tokens.expiryFromNow();
        if (!store.renew(identity.sessionId(), Names.key(identity.username()), identity.guest(), System.currentTimeMillis(),
                expiresAt.toEpochMilli())) {
            throw ended();
        }
        return tokens.issue(identity.username(), identity.guest(), identity.sessionId(), expiresAt);
    }

    /** The identity of a bearer token whose session is live, else null. */
    public Identity verifyBearer(String authorization) {
        Identity identity = tokens.verifyBearer(authorization);
        return identity != null && live(identity) ? identity : null;
    }

    public boolean live(Identity identity) {
        return store.live(identity.sessionId(), Names.key(identity.username()), identity.guest(), System.currentTimeMillis());
    }

    /** Revokes a session: none of its tokens works any more, on any node; its connections are the caller's to close. */
    public void revoke(String sessionId) {
        store.revoke(sessionId);
    }

    /** Logs a session of the user out: it is revoked and its connections close on every node (1000). */
    public void end(String name, String sessionId) {
        revoke(sessionId);
        fanOut.disconnect(Disconnect.session(name, sessionId, CloseCodes.NORMAL, "logged out"));
    }

    /** Ends one of the user's live sessions, as {@link #end}; false when it is not one. */
    public boolean endOne(String name, String sessionId) {
        if (!store.revokeOf(Names.key(name), sessionId, System.currentTimeMillis())) {
            return false;
        }
        fanOut.disconnect(Disconnect.session(name, sessionId, CloseCodes.NORMAL, "signed out"));
        return true;
    }

    /**
     * Ends every session of the user, closing its connections on every node with the code and
     * reason; returns how many were live.
     */
    public int endAll(String name, int code, String reason) {
        int ended = store.revokeAll(Names.key(name));
        fanOut.disconnect(Disconnect.all(name, code, reason));
        return ended;
    }

    /** Ends every session of the user but the one shown (1008 with the reason); returns how many were live. */
    public int endAllBut(Identity kept, String reason) {
        int ended = store.revokeAllBut(Names.key(kept.username()), kept.sessionId());
        fanOut.disconnect(Disconnect.allBut(kept.username(), kept.sessionId(), CloseCodes.POLICY, reason));
        return ended;
    }

    /** The user's live sessions, the most recently used first (last use up to a minute behind). */
    public List<SessionStore.LiveSession> liveOf(String name) {
        return store.liveOf(Names.key(name), System.currentTimeMillis());
    }

    public static ProtocolException ended() {
        return new ProtocolException(ErrorCode.AUTH_FAILED, "this session has ended: log in again");
    }
}

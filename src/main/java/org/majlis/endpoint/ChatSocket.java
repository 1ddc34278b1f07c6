package org.majlis.endpoint;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import org.majlis.auth.BearerCheck;
import org.majlis.auth.Identity;
import org.majlis.auth.SessionUse;
import org.majlis.commands.CommandPipeline;
import org.majlis.commands.LoginHandler;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.ChannelCapture;
import org.majlis.connections.Delivery;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.PresenceInterest;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.metrics.ChatMetrics;
import org.majlis.presence.PresenceService;
import org.majlis.protocol.ClientEvent;
import org.majlis.protocol.ClientEventCodec;
import org.majlis.protocol.CloseCodes;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/**
 * The chat endpoint: decodes each frame once into a {@link ClientEvent} and hands it to the
 * {@link CommandPipeline}, which runs the event's one command. Everything here runs on the
 * connection's event loop and never blocks.
 */
@WebSocket(path = ChatSocket.PATH)
public class ChatSocket {

    public static final String PATH = "/ws";

    private final Delivery delivery;
    private final UserRegistry registry;
    private final PresenceService presence;
    private final LoginHandler login;
    private final CommandPipeline commands;
    private final PresenceInterest interest;
    private final ChatMetrics metrics;
    private final SessionUse sessionUse;
    private final ClientEventCodec codec;
    private final int abuseStrikes;
    private final long abuseWindowMillis;

    public ChatSocket(Delivery delivery, UserRegistry registry, PresenceService presence, LoginHandler login,
            CommandPipeline commands, PresenceInterest interest, ChatMetrics metrics, SessionUse sessionUse, ClientEventCodec codec,
            MajlisConfig config) {
        this.interest = interest;
        this.delivery = delivery;
        this.registry = registry;
        this.presence = presence;
        this.login = login;
        this.commands = commands;
        this.metrics = metrics;
        this.sessionUse = sessionUse;
        this.codec = codec;
        this.abuseStrikes = config.limits().abuseStrikes();
        this.abuseWindowMillis = config.limits().abuseWindow().toMillis();
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        ChannelCapture.Upgraded upgraded = ChannelCapture.opened(connection);
        Session session = new Session(connection, upgraded.address());
        session.attach(delivery.open(upgraded,
                () -> session.close(CloseCodes.SLOW_CONSUMER, "slow consumer: reconnect and catch up with history")));
        connection.userData().put(Session.KEY, session);
        Identity bearer = connection.userData().remove(BearerCheck.IDENTITY);
        if (bearer != null) {
            login.loginWithBearer(session, bearer);
        }
    }

    /**
     * Takes the text and decodes it here: named as the method's codec, the decoder was reached
     * through Quarkus' generated code, which looks the parameter's type up by name
     * ({@code Class.forName}) and the codec among the registered ones at every frame.
     */
    @OnTextMessage
    @NonBlocking
    void message(String frame, WebSocketConnection connection) {
        metrics.frameIn();
        Session session = heard(connection);
        ClientEvent event;
        try {
            event = codec.decode(frame);
        } catch (ProtocolException e) {
            refuse(session, e);
            return;
        }
        try {
            commands.dispatch(session, event);
        } catch (ProtocolException e) {
            refuse(session, e.withRef(event.id()));
        } catch (RuntimeException e) {
            Log.errorf(e, "failed to handle %s", event.getClass().getSimpleName());
            refuse(session, new ProtocolException(ErrorCode.INTERNAL, "server error", event.id()));
        }
    }

    /** The answer to the server's ping: the client is alive ({@link ConnectionReaper}). */
    @OnPongMessage
    @NonBlocking
    void pong(Buffer ignored, WebSocketConnection connection) {
        heard(connection);
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(Buffer ignored, WebSocketConnection connection) {
        metrics.frameIn();
        refuse(heard(connection), new ProtocolException(ErrorCode.BAD_REQUEST, "frames must be text"));
    }

    /** A refusal from outside a frame's handling (a bearer login at open, its name in use) ends here; the connection stays open. */
    @OnError
    @NonBlocking
    void error(Throwable failure, WebSocketConnection connection) {
        Session session = heard(connection);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProtocolException refusal) {
                refuse(session, refusal);
                return;
            }
        }
        if (connection.isClosed() || failure instanceof HttpClosedException || failure instanceof IOException) {
            Log.debugf("connection %s ended: %s", connection.id(), failure);
            return; // a client that went away (a reset, a dropped network) is not the server's failure
        }
        Log.errorf(failure, "unexpected failure on connection %s", connection.id());
        refuse(session, new ProtocolException(ErrorCode.INTERNAL, "server error"));
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        Session session = connection.userData().get(Session.KEY);
        if (session == null) {
            return;
        }
        session.closed();
        sessionUse.used(session.loginSession());
        interest.forget(session);
        OnlineUser wentOffline = registry.logout(session);
        if (wentOffline != null) {
            presence.offline(wentOffline);
        }
    }

    /** The connection's session, marked as heard from now. */
    private static Session heard(WebSocketConnection connection) {
        Session session = connection.userData().get(Session.KEY);
        if (session != null) {
            session.heard(System.currentTimeMillis());
        }
        return session;
    }

    private void refuse(Session session, ProtocolException refusal) {
        registry.refuse(session, refusal);
        if (refusal.code() == ErrorCode.RATE_LIMITED
                && session.strike(System.currentTimeMillis(), abuseWindowMillis) == abuseStrikes) {
            session.close(CloseCodes.POLICY, "too many requests");
        }
    }
}

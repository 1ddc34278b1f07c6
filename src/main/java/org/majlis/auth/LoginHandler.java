package org.majlis.auth;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.config.MajlisConfig;
import org.majlis.messages.ConversationId;
import org.majlis.messages.MessageStore;
import org.majlis.names.Names;
import org.majlis.presence.OnlineUser;
import org.majlis.presence.PresenceService;
import org.majlis.presence.UserRegistry;
import org.majlis.ws.ClientEvent.LoginPayload;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent.DirectSummary;
import org.majlis.ws.ServerEvent.RoomSummary;
import org.majlis.ws.ServerEvent.Welcome;
import org.majlis.ws.Session;

/**
 * {@code login}: checks the name, attaches the connection to its user (deliveries start, held),
 * reads the conversation counts on a worker thread, then sends {@code welcome} and what was held.
 */
@ApplicationScoped
public class LoginHandler {

    private final UserRegistry registry;
    private final PresenceService presence;
    private final MessageStore store;
    private final MajlisConfig config;
    private final Vertx vertx;

    public LoginHandler(UserRegistry registry, PresenceService presence, MessageStore store, MajlisConfig config, Vertx vertx) {
        this.registry = registry;
        this.presence = presence;
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    public void login(Session session, String ref, LoginPayload payload) {
        if (session.user() != null) {
            throw new ProtocolException(ErrorCode.ALREADY_LOGGED_IN, "this connection is logged in");
        }
        if (payload == null || (payload.username() == null && payload.token() == null)) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "a username or a token is required");
        }
        if (payload.token() != null) {
            throw new ProtocolException(ErrorCode.AUTH_FAILED, "invalid or expired token");
        }
        String name = Names.normalizeUsername(payload.username());
        if (name == null) {
            throw new ProtocolException(ErrorCode.USERNAME_INVALID,
                    "1 to 32 letters, digits, _ - or ., starting with a letter or digit; not a reserved name");
        }
        if (!config.guests()) {
            throw new ProtocolException(ErrorCode.GUESTS_DISABLED, "guest login is disabled");
        }
        boolean cameOnline = registry.login(session, name, true);
        OnlineUser user = session.user();
        vertx.executeBlocking(() -> store.summaries(Names.key(name), List.of(ConversationId.GENERAL)), false)
                .onComplete(result -> {
                    if (result.failed()) {
                        Log.error("login failed to read conversations", result.cause());
                        registry.welcomeFailed(session);
                        registry.refuse(session, new ProtocolException(ErrorCode.INTERNAL, "login failed, try again", ref));
                        return;
                    }
                    registry.welcome(session, welcome(user, result.result()));
                    if (cameOnline) {
                        presence.online(user);
                    }
                });
    }

    private Welcome welcome(OnlineUser user, List<MessageStore.Summary> summaries) {
        var others = presence.snapshot().stream().filter(u -> !u.username().equals(user.name())).toList();
        List<RoomSummary> rooms = summaries.stream().filter(s -> s.conversation().isRoom())
                .map(s -> new RoomSummary(s.conversation().room(), false, s.lastSeq(), s.unread())).toList();
        List<DirectSummary> directs = summaries.stream().filter(s -> !s.conversation().isRoom())
                .map(s -> new DirectSummary(s.conversation().partnerOf(Names.key(user.name())), s.lastSeq(), s.unread()))
                .toList();
        return new Welcome(user.name(), user.guest(), null, null, others, rooms, directs);
    }
}

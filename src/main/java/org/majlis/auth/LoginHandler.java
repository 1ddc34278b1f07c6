package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.config.MajlisConfig;
import org.majlis.messages.Conversations;
import org.majlis.names.Names;
import org.majlis.presence.PresenceService;
import org.majlis.presence.UserRegistry;
import org.majlis.ws.ClientEvent.LoginPayload;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent.RoomSummary;
import org.majlis.ws.ServerEvent.Welcome;
import org.majlis.ws.Session;

import java.util.List;

/** {@code login}: checks the name, attaches the connection to its user, answers {@code welcome}. */
@ApplicationScoped
public class LoginHandler {

    private final UserRegistry registry;
    private final PresenceService presence;
    private final Conversations conversations;
    private final MajlisConfig config;

    public LoginHandler(UserRegistry registry, PresenceService presence, Conversations conversations, MajlisConfig config) {
        this.registry = registry;
        this.presence = presence;
        this.conversations = conversations;
        this.config = config;
    }

    public void login(Session session, LoginPayload payload) {
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
        var others = presence.snapshot().stream().filter(u -> !u.username().equals(name)).toList();
        registry.reply(session, new Welcome(name, true, null, null, others,
                List.of(new RoomSummary(Conversations.GENERAL, false, conversations.lastSeqOfRoom(Conversations.GENERAL), 0)),
                conversations.directsOf(name)));
        if (cameOnline) {
            presence.online(session.user());
        }
    }
}

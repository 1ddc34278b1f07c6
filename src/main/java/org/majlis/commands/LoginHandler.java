package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.auth.Accounts;
import org.majlis.auth.Admins;
import org.majlis.auth.Bots;
import org.majlis.auth.Identity;
import org.majlis.auth.IssuedToken;
import org.majlis.auth.Sessions;
import org.majlis.auth.TokenService;
import org.majlis.cluster.UserDirectory;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.NodeStopping;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.PresenceInterest;
import org.majlis.connections.Session;
import org.majlis.connections.Status;
import org.majlis.connections.UserRegistry;
import org.majlis.limits.Limits;
import org.majlis.limits.ServerPolicy;
import org.majlis.messages.Summaries;
import org.majlis.names.Names;
import org.majlis.presence.PresenceScope;
import org.majlis.presence.PresenceService;
import org.majlis.protocol.ClientEvent.Login;
import org.majlis.protocol.ClientEvent.LoginPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.DirectSummary;
import org.majlis.protocol.ServerEvent.RoomSummary;
import org.majlis.protocol.ServerEvent.UserStatus;
import org.majlis.protocol.ServerEvent.Welcome;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;

/**
 * {@code login}, with a guest name or a token: attaches the connection to its user (deliveries
 * start, held), then on a worker thread checks the name against accounts, reads the conversation
 * counts and signs a session token, then sends {@code welcome} and what was held.
 */
@ApplicationScoped
public class LoginHandler implements Command<Login> {


    /** The welcome, when the token expires, and the direct-conversation partners (whose presence the user hears of). */
    private record Prepared(Welcome welcome, Instant expiresAt, List<String> partners) {
    }

    private final UserRegistry registry;
    private final PresenceService presence;
    private final Summaries summaryStore;
    private final Accounts accounts;
    private final TokenService tokens;
    private final MajlisConfig config;
    private final Offload offload;
    private final RoomDirectory directory;
    private final FormerHolder formerHolder;
    private final UserDirectory users;
    private final Sessions sessions;
    private final Limits limits;
    private final NodeStopping stopping;
    private final PresenceScope scope;
    private final PresenceInterest interest;
    private final Bots bots;
    private final Admins admins;
    private final ServerPolicy policy;

    public LoginHandler(UserRegistry registry, PresenceService presence, Summaries summaryStore, Accounts accounts,
            TokenService tokens, MajlisConfig config, Offload offload, RoomDirectory directory,
            FormerHolder formerHolder, UserDirectory users, Sessions sessions, PresenceScope scope, PresenceInterest interest,
            Limits limits, NodeStopping stopping, Bots bots, Admins admins, ServerPolicy policy) {
        this.policy = policy;
        this.bots = bots;
        this.admins = admins;
        this.limits = limits;
        this.stopping = stopping;
        this.scope = scope;
        this.interest = interest;
        this.users = users;
        this.directory = directory;
        this.formerHolder = formerHolder;
        this.sessions = sessions;
        this.offload = offload;
        this.registry = registry;
        this.presence = presence;
        this.summaryStore = summaryStore;
        this.accounts = accounts;
        this.tokens = tokens;
        this.config = config;
    }

    @Override
    public Class<Login> event() {
        return Login.class;
    }

    @Override
    public boolean needsLogin() {
        return false;
    }

    /**
     * A name costs one attempt of the address's login limit (against guessing and name grabbing); a
     * token costs nothing unless it is refused, so that an office behind one address comes back
     * at once after a restart.
     */
    @Override
    public Cost cost(Login event) {
        return event.payload() != null && event.payload().token() != null ? Cost.FREE : Cost.LOGIN;
    }

    /** The {@code login} frame. */
    @Override
    public void handle(Session session, Login event) {
        String ref = event.id();
        LoginPayload payload = event.payload();
        if (stopping.stopping()) { // this node will close every connection soon: come back (elsewhere) now
            stopping.close(session);
            return;
        }
        if (session.user() != null) {
            throw new ProtocolException(ErrorCode.ALREADY_LOGGED_IN, "this connection is logged in");
        }
        if (payload == null || (payload.username() == null && payload.token() == null)) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "a username or a token is required");
        }
        if (payload.token() != null) {
            Identity identity = tokens.verify(payload.token());
            if (identity == null) {
                limits.loginAttempt(session.address()); // a refused token counts as a guess
                throw new ProtocolException(ErrorCode.AUTH_FAILED, "invalid or expired token");
            }
            loginAs(session, ref, identity.username(), identity.guest(), identity);
            return;
        }
        String name = Names.normalizeUsername(payload.username());
        if (name == null) {
            throw new ProtocolException(ErrorCode.USERNAME_INVALID,
                    "1 to 32 letters, digits, _ - or ., starting with a letter or digit; not a reserved name");
        }
        if (!policy.guestsAllowed()) {
            throw new ProtocolException(ErrorCode.GUESTS_DISABLED, "guest login is disabled");
        }
        if (policy.guestNameBanned(name)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "that name is banned on this server");
        }
        loginAs(session, ref, name, true, null);
    }

    /** A connection whose upgrade carried a valid bearer token, logged in as it opens. */
    public void loginWithBearer(Session session, Identity identity) {
        loginAs(session, null, identity.username(), identity.guest(), identity);
    }

    /** proof: the token shown, or null for a new guest (who starts a session of its own). */
    private void loginAs(Session session, String ref, String name, boolean guest, Identity proof) {
        String sessionId = proof != null ? proof.sessionId() : Sessions.newId();
        boolean cameOnline = registry.login(session, name, guest, sessionId, proof != null);
        session.loginSession(sessionId);
        OnlineUser user = session.user();
        offload.run(session, ref, "login", () -> prepare(user, proof, sessionId, ref), prepared -> {
            interest.partners(session, prepared.partners());
            registry.welcome(session, prepared.welcome());
            session.expiresAt(prepared.expiresAt().toEpochMilli());
            if (cameOnline) {
                presence.online(user);
            }
        }, () -> registry.welcomeFailed(session));
    }

    /** Blocking: the account check, the session (continued, or a new guest's), the counts. */
    private Prepared prepare(OnlineUser user, Identity proof, String sessionId, String ref) {
        String key = Names.key(user.name());
        if (user.guest() && accounts.registeredName(user.name()) != null) {
            throw new ProtocolException(ErrorCode.USERNAME_TAKEN, "that name belongs to a registered account");
        }
        IssuedToken token;
        if (proof != null) {
            token = sessions.renew(proof);
            if (user.guest()) {
                users.joinGuestName(Names.skeleton(user.name()));
            } else {
                bots.loggedIn(user.name()); // before the welcome, so before its first message: marked
            }
        } else {
            // claimed by skeleton: a lookalike of a connected guest's name is taken too, on every node
            if (!users.claimGuestName(Names.skeleton(user.name()))) {
                throw new ProtocolException(ErrorCode.USERNAME_TAKEN, "a guest of that name (or one like it) is connected to another node");
            }
            // the name was free, so whoever had it before is gone: nothing of theirs is this guest's
            formerHolder.forget(key);
            token = sessions.startGuest(user.name(), sessionId);
        }
        Map<ConversationId, Room> mine = new LinkedHashMap<>();
        directory.roomsOf(key).forEach(room -> mine.put(room.conversation(), room));
        List<Summaries.Summary> summaries = summaryStore.summaries(key, List.copyOf(mine.keySet()), true);
        List<RoomSummary> rooms = summaries.stream().filter(s -> s.conversation().isRoom())
                .map(s -> new RoomSummary(mine.get(s.conversation()).name(), mine.get(s.conversation()).isPrivate(),
                        s.lastSeq(), s.unread())).toList();
        List<DirectSummary> directs = summaries.stream().filter(s -> !s.conversation().isRoom())
                .map(s -> new DirectSummary(s.conversation().partnerOf(key), s.lastSeq(), s.unread())).toList();
        List<String> partners = directs.stream().map(DirectSummary::to).toList();
        return new Prepared(new Welcome(ref, user.name(), user.guest(), token.token(), token.expiresAt().toString(),
                othersOnline(user, partners), scope.name(), scope.online(), rooms, directs,
                config.files().maxSize().asLongValue(), admins.isAdmin(user.name(), user.guest()) ? Boolean.TRUE : null),
                token.expiresAt(), partners);
    }

    /** Blocking: everyone else online in the {@code all} scope; in the {@code subscribed} one, the partners online. */
    private List<UserStatus> othersOnline(OnlineUser user, List<String> partners) {
        List<UserStatus> candidates = scope.subscribed() ? presence.statuses(partners) : presence.snapshot();
        String offline = Status.OFFLINE.wire();
        return candidates.stream().filter(u -> !u.username().equals(user.name()) && !offline.equals(u.status())).toList();
    }
}

package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Offload;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.presence.OnlinePages;
import org.majlis.presence.PresenceScope;
import org.majlis.presence.PresenceService;
import org.majlis.protocol.ClientEvent.ListUsers;
import org.majlis.protocol.ClientEvent.UsersPayload;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Users;

/**
 * {@code users}: who is online, answered with {@code users}. Without a payload in the {@code all}
 * scope, everyone (as the first clients asked); otherwise a page by name.
 */
@ApplicationScoped
public class ListUsersHandler implements Command<ListUsers> {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** Longer than any name or key: a prefix or cursor beyond it matches nobody anyway. */
    private static final int MAX_TEXT = 200;

    private final PresenceService presence;
    private final PresenceScope scope;
    private final OnlinePages pages;
    private final UserRegistry registry;
    private final Offload offload;

    public ListUsersHandler(PresenceService presence, PresenceScope scope, OnlinePages pages, UserRegistry registry,
            Offload offload) {
        this.presence = presence;
        this.scope = scope;
        this.pages = pages;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<ListUsers> event() {
        return ListUsers.class;
    }

    @Override
    public void handle(Session session, ListUsers event) {
        String ref = event.id();
        UsersPayload payload = event.payload();
        if (payload == null && !scope.subscribed()) {
            offload.run(session, ref, "listing users", () -> new Users(ref, presence.snapshot(), null, scope.online()),
                    users -> registry.reply(session, users));
            return;
        }
        String prefix = text(payload == null ? null : payload.prefix(), "prefix");
        String after = text(payload == null ? null : payload.after(), "after");
        int limit = PageLimit.of(payload == null ? null : payload.limit(), DEFAULT_LIMIT, MAX_LIMIT);
        offload.run(session, ref, "listing users", () -> {
            OnlinePages.Page page = pages.page(prefix, after, limit);
            return new Users(ref, page.users(), page.next(), scope.online());
        }, users -> registry.reply(session, users));
    }

    private static String text(String value, String field) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, field + " is too long");
        }
        return value == null || value.isEmpty() ? null : value;
    }
}

package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Offload;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.presence.PresenceService;
import org.majlis.protocol.ClientEvent.ListUsers;
import org.majlis.protocol.ServerEvent.Users;

/** {@code users}: who is online, with their status, answered with {@code users}. */
@ApplicationScoped
public class ListUsersHandler implements Command<ListUsers> {

    private final PresenceService presence;
    private final UserRegistry registry;
    private final Offload offload;

    public ListUsersHandler(PresenceService presence, UserRegistry registry, Offload offload) {
        this.presence = presence;
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
        offload.run(session, ref, "listing users", () -> new Users(ref, presence.snapshot()),
                users -> registry.reply(session, users));
    }
}

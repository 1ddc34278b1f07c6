package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Session;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.DeclineInvite;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.rooms.Room;

/** {@code decline_invite}: drops the user's invitation to the room; acknowledged whether there was one or not. */
@ApplicationScoped
public class DeclineInviteHandler implements Command<DeclineInvite> {
    private final MembershipContext context;

    public DeclineInviteHandler(MembershipContext context) {
        this.context = context;
    }

    @Override
    public Class<DeclineInvite> event() {
        return DeclineInvite.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, DeclineInvite event) {
        String name = Names.normalize(RoomRequests.requireName(event.payload() == null ? null : event.payload().room()));
        if (name == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        Room room = context.directory.find(name);
        String key = Names.key(session.requireUser().name());
        if (room == null || !room.invited().containsKey(key)) {
            context.registry.acknowledge(session, event.id());
            return;
        }
        context.offload.run(session, event.id(), "declining the invitation", () -> context.store.decline(room, key), declined -> {
            if (declined) {
                context.changeRoom(room, current -> current.withoutInvitation(key));
            }
            context.registry.acknowledge(session, event.id());
        });
    }
}

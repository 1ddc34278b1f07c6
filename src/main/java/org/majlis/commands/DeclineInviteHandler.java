package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.cluster.FanOut;
import org.majlis.connections.Offload;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.DeclineInvite;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/** {@code decline_invite}: drops the user's invitation to the room; acknowledged whether there was one or not. */
@ApplicationScoped
public class DeclineInviteHandler implements Command<DeclineInvite> {

    private final RoomDirectory directory;
    private final RoomStore store;
    private final FanOut fanOut;
    private final UserRegistry registry;
    private final Offload offload;

    public DeclineInviteHandler(RoomDirectory directory, RoomStore store, FanOut fanOut, UserRegistry registry,
            Offload offload) {
        this.directory = directory;
        this.store = store;
        this.fanOut = fanOut;
        this.registry = registry;
        this.offload = offload;
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
        Room room = directory.find(name);
        String key = Names.key(session.requireUser().name());
        if (room == null || !room.invited().containsKey(key)) {
            registry.acknowledge(session, event.id());
            return;
        }
        offload.run(session, event.id(), "declining the invitation", () -> store.decline(room, key), declined -> {
            if (declined) {
                fanOut.roomChanged(directory.update(room, current -> current.withoutInvitation(key)));
            }
            registry.acknowledge(session, event.id());
        });
    }
}

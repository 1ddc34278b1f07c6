package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.majlis.cluster.FanOut;
import org.majlis.cluster.Target;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.limits.Limits;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.JoinRoom;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.MemberJoined;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/**
 * {@code join_room}: a public room, or a private one the user is invited to (accepting the
 * invitation). The user gets {@code room} (also when a member already), the other members
 * {@code member_joined}; then the {@code ack}.
 */
@ApplicationScoped
public class JoinRoomHandler implements Command<JoinRoom> {

    private final RoomDirectory directory;
    private final RoomStore store;
    private final FanOut fanOut;
    private final UserRegistry registry;
    private final Offload offload;
    private final Limits limits;

    public JoinRoomHandler(RoomDirectory directory, RoomStore store, FanOut fanOut, UserRegistry registry, Offload offload,
            Limits limits) {
        this.directory = directory;
        this.store = store;
        this.fanOut = fanOut;
        this.registry = registry;
        this.offload = offload;
        this.limits = limits;
    }

    @Override
    public Class<JoinRoom> event() {
        return JoinRoom.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, JoinRoom event) {
        OnlineUser user = session.requireUser();
        String ref = event.id();
        Room room = directory.requireVisible(user, RoomRequests.requireName(event.payload() == null ? null : event.payload().room()));
        if (room.isBanned(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are banned from this room");
        }
        if (room.isGeneral()) {
            registry.reply(session, RoomRequests.info(room, user.name()));
            registry.acknowledge(session, ref);
            return;
        }
        offload.run(session, ref, "joining the room", () -> {
            limits.clusterMessage(user.name(), user.guest());
            return store.join(room, user.name());
        }, joined -> {
            if (!joined) { // a member already: the asker gets the room as it is
                registry.reply(session, RoomRequests.info(directory.find(room.name()), user.name()));
                registry.acknowledge(session, ref);
                return;
            }
            Room after = directory.update(room, current -> current.withMember(user.name()));
            fanOut.roomChanged(after);
            fanOut.send(new Target.Users(List.of(user.name())), RoomRequests.info(after, user.name()));
            List<String> others = new ArrayList<>(after.memberNames());
            others.remove(user.name());
            fanOut.send(new Target.Users(others), new MemberJoined(room.name(), user.name()));
            registry.acknowledge(session, ref);
        });
    }
}

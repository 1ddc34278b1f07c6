package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.majlis.cluster.Target;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.JoinRoom;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.MemberJoined;
import org.majlis.rooms.Room;

/**
 * {@code join_room}: a public room, or a private one the user is invited to (accepting the
 * invitation). The user gets {@code room} (also when a member already), the other members
 * {@code member_joined}; then the {@code ack}.
 */
@ApplicationScoped
public class JoinRoomHandler implements Command<JoinRoom> {
    private final MembershipContext context;

    public JoinRoomHandler(MembershipContext context) {
        this.context = context;
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
        String name = RoomRequests.requireName(event.payload() == null ? null : event.payload().room());
        Room room = context.directory.requireVisible(user, name);
        if (room.isBanned(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are banned from this room");
        }
        if (room.isGeneral()) {
            context.registry.reply(session, RoomRequests.info(room, user.name()));
            context.registry.acknowledge(session, ref);
            return;
        }
        context.offload.run(session, ref, "joining the room", () -> {
            context.limits.clusterMessage(user.name(), user.guest());
            return context.store.join(room, user.name());
        }, joined -> {
            if (!joined) { // a member already: the asker gets the room as it is
                context.registry.reply(session, RoomRequests.info(context.directory.find(room.name()), user.name()));
                context.registry.acknowledge(session, ref);
                return;
            }
            Room after = context.changeRoom(room, current -> current.withMember(user.name()));
            context.fanOut.send(new Target.Users(List.of(user.name())), RoomRequests.info(after, user.name()));
            List<String> others = new ArrayList<>(after.memberNames());
            others.remove(user.name());
            context.fanOut.send(new Target.Users(others), new MemberJoined(room.name(), user.name()));
            context.registry.acknowledge(session, ref);
        });
    }
}

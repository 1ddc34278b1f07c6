package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.majlis.cluster.Target;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.LeaveRoom;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.MemberLeft;
import org.majlis.rooms.Room;

/** {@code leave_room}: the members and the leaver get {@code member_left}; then the {@code ack}. Nobody leaves general. */
@ApplicationScoped
public class LeaveRoomHandler implements Command<LeaveRoom> {
    private final MembershipContext context;

    public LeaveRoomHandler(MembershipContext context) {
        this.context = context;
    }

    @Override
    public Class<LeaveRoom> event() {
        return LeaveRoom.class;
    }

    @Override
    public void handle(Session session, LeaveRoom event) {
        OnlineUser user = session.requireUser();
        String name = RoomRequests.requireName(event.payload() == null ? null : event.payload().room());
        Room room = context.directory.requireMember(user, name);
        String key = Names.key(user.name());
        if (room.isGeneral()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "nobody leaves general");
        }
        context.offload.run(session, event.id(), "leaving the room", () -> context.store.removeMember(room, key), removed -> {
            if (removed) {
                Room after = context.changeRoom(room, current -> current.withoutMember(key));
                List<String> told = new ArrayList<>(after.memberNames());
                told.add(user.name());
                context.fanOut.send(new Target.Users(told), new MemberLeft(room.name(), user.name()));
            }
            context.registry.acknowledge(session, event.id());
        });
    }
}

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
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.LeaveRoom;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.MemberLeft;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/** {@code leave_room}: the members and the leaver get {@code member_left}; then the {@code ack}. Nobody leaves general. */
@ApplicationScoped
public class LeaveRoomHandler implements Command<LeaveRoom> {

    private final RoomDirectory directory;
    private final RoomStore store;
    private final FanOut fanOut;
    private final UserRegistry registry;
    private final Offload offload;

    public LeaveRoomHandler(RoomDirectory directory, RoomStore store, FanOut fanOut, UserRegistry registry, Offload offload) {
        this.directory = directory;
        this.store = store;
        this.fanOut = fanOut;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<LeaveRoom> event() {
        return LeaveRoom.class;
    }

    @Override
    public void handle(Session session, LeaveRoom event) {
        OnlineUser user = session.requireUser();
        Room room = directory.requireMember(user, RoomRequests.requireName(event.payload() == null ? null : event.payload().room()));
        String key = Names.key(user.name());
        if (room.isGeneral()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "nobody leaves general");
        }
        offload.run(session, event.id(), "leaving the room", () -> store.removeMember(room, key), removed -> {
            if (removed) {
                Room after = directory.update(room, current -> current.withoutMember(key));
                fanOut.roomChanged(after);
                List<String> told = new ArrayList<>(after.memberNames());
                told.add(user.name());
                fanOut.send(new Target.Users(told), new MemberLeft(room.name(), user.name()));
            }
            registry.acknowledge(session, event.id());
        });
    }
}

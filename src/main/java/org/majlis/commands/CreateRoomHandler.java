package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.majlis.cluster.Target;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.CreateRoom;
import org.majlis.protocol.ClientEvent.CreateRoomPayload;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Invited;
import org.majlis.rooms.Room;

/**
 * {@code create_room}: a room owned by the asker, who gets {@code room}; the members named are
 * invited ({@code invited}) and join by {@code join_room}. Acknowledged once announced.
 */
@ApplicationScoped
public class CreateRoomHandler implements Command<CreateRoom> {

    /** Members a {@code create_room} may name. */
    static final int MAX_INITIAL_MEMBERS = 100;

    private final RoomRequests requests;
    private final MembershipContext context;

    public CreateRoomHandler(RoomRequests requests, MembershipContext context) {
        this.requests = requests;
        this.context = context;
    }

    @Override
    public Class<CreateRoom> event() {
        return CreateRoom.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, CreateRoom event) {
        OnlineUser owner = session.requireUser();
        CreateRoomPayload payload = event.payload();
        String name = payload == null ? null : Names.normalize(payload.room());
        if (name == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        List<String> invited = payload.members() == null ? List.of() : payload.members();
        if (invited.size() > MAX_INITIAL_MEMBERS) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "at most " + MAX_INITIAL_MEMBERS + " initial members");
        }
        if (context.directory.find(name) != null) {
            throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
        }
        String ownerKey = Names.key(owner.name());
        if (context.directory.ownedBy(ownerKey) >= requests.maxOwnedPerUser()) {
            throw new ProtocolException(ErrorCode.LIMIT_REACHED, "you may create at most " + requests.maxOwnedPerUser() + " rooms");
        }
        requests.requireRoomForInvitations(invited.size());
        boolean isPrivate = Boolean.TRUE.equals(payload.isPrivate());
        context.offload.run(session, event.id(), "creating the room", () -> {
            context.limits.clusterMessage(owner.name(), owner.guest());
            Room room = new Room(name, isPrivate, owner.name(), Map.of(ownerKey, owner.name()));
            for (String member : invited) {
                String existing = requests.existingUser(member);
                if (!room.isMember(Names.key(existing))) {
                    room = room.withInvitation(existing, owner.name());
                }
            }
            if (!context.store.create(room)) {
                throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
            }
            return room;
        }, room -> {
            context.directory.apply(room);
            context.fanOut.roomChanged(room);
            context.fanOut.send(new Target.Users(List.of(owner.name())), RoomRequests.info(room, owner.name()));
            context.fanOut.send(new Target.Users(List.copyOf(room.invited().keySet())), new Invited(room.name(), isPrivate, owner.name()));
            context.registry.acknowledge(session, event.id());
        });
    }
}

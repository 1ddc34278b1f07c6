package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.majlis.cluster.FanOut;
import org.majlis.cluster.Target;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.limits.Limits;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.CreateRoom;
import org.majlis.protocol.ClientEvent.CreateRoomPayload;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Invited;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/**
 * {@code create_room}: a room owned by the asker, who gets {@code room}; the members named are
 * invited ({@code invited}) and join by {@code join_room}. Acknowledged once announced.
 */
@ApplicationScoped
public class CreateRoomHandler implements Command<CreateRoom> {

    /** Members a {@code create_room} may name. */
    static final int MAX_INITIAL_MEMBERS = 100;

    private final RoomRequests requests;
    private final RoomDirectory directory;
    private final RoomStore store;
    private final FanOut fanOut;
    private final UserRegistry registry;
    private final Offload offload;
    private final Limits limits;

    public CreateRoomHandler(RoomRequests requests, RoomDirectory directory, RoomStore store, FanOut fanOut,
            UserRegistry registry, Offload offload, Limits limits) {
        this.requests = requests;
        this.directory = directory;
        this.store = store;
        this.fanOut = fanOut;
        this.registry = registry;
        this.offload = offload;
        this.limits = limits;
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
        if (directory.find(name) != null) {
            throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
        }
        String ownerKey = Names.key(owner.name());
        if (directory.ownedBy(ownerKey) >= requests.maxOwnedPerUser()) {
            throw new ProtocolException(ErrorCode.LIMIT_REACHED, "you may create at most " + requests.maxOwnedPerUser() + " rooms");
        }
        requests.requireRoomForInvitations(invited.size());
        boolean isPrivate = Boolean.TRUE.equals(payload.isPrivate());
        offload.run(session, event.id(), "creating the room", () -> {
            limits.clusterMessage(owner.name(), owner.guest());
            Room room = new Room(name, isPrivate, owner.name(), Map.of(ownerKey, owner.name()));
            for (String member : invited) {
                String existing = requests.existingUser(member);
                if (!room.isMember(Names.key(existing))) {
                    room = room.withInvitation(existing, owner.name());
                }
            }
            if (!store.create(room)) {
                throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
            }
            return room;
        }, room -> {
            directory.apply(room);
            fanOut.roomChanged(room);
            fanOut.send(new Target.Users(List.of(owner.name())), RoomRequests.info(room, owner.name()));
            fanOut.send(new Target.Users(List.copyOf(room.invited().keySet())), new Invited(room.name(), isPrivate, owner.name()));
            registry.acknowledge(session, event.id());
        });
    }
}

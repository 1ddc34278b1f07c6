package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.cluster.Target;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.RenamePayload;
import org.majlis.protocol.ClientEvent.RenameRoom;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.RoomRenamed;
import org.majlis.rooms.Room;

/**
 * {@code rename_room}: the owner (or an administrator) gives the room a new name, with its
 * messages, members and everything else; its members hear {@code room_renamed}. The old name is
 * free at once. Nobody renames {@code general}.
 */
@ApplicationScoped
public class RenameRoomHandler implements Command<RenameRoom> {

    private final ModerationContext context;

    public RenameRoomHandler(ModerationContext context) {
        this.context = context;
    }

    @Override
    public Class<RenameRoom> event() {
        return RenameRoom.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, RenameRoom event) {
        OnlineUser user = session.requireUser();
        RenamePayload request = event.payload();
        Room room = context.directory.requireVisible(user, RoomRequests.requireName(request == null ? null : request.room()));
        String name = Names.normalize(request.name());
        if (name == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        if (room.isGeneral() || Names.key(name).equals(Room.GENERAL.key())) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "nobody renames general, nor takes its name");
        }
        Room other = context.directory.find(name);
        if (other != null && !other.key().equals(room.key())) {
            throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
        }
        context.offload.run(session, event.id(), "renaming the room", () -> {
            Actor actor = context.moderators.requireOwner(user, room);
            if (!context.store.rename(room, name)) {
                throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
            }
            context.audit.record(actor.name(), "rename_room", room.name(), null, name, null);
            return actor;
        }, actor -> {
            Room current = context.directory.find(room.name());
            Room renamed = (current == null ? room : current).withName(name);
            if (!renamed.key().equals(room.key())) {
                context.directory.remove(room.name());
                context.fanOut.roomDeleted(room.name());
            }
            context.directory.apply(renamed);
            context.fanOut.roomChanged(renamed);
            context.fanOut.send(new Target.Users(renamed.memberNames()), new RoomRenamed(room.name(), name));
            context.registry.acknowledge(session, event.id());
        });
    }
}

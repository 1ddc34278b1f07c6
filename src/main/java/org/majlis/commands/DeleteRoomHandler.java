package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.cluster.Target;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.messages.MessageSearch;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.protocol.ClientEvent.DeleteRoom;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.RoomDeleted;
import org.majlis.rooms.Room;

/**
 * {@code delete_room}: the owner (or an administrator) deletes the room with its messages; its
 * members hear {@code room_deleted}, and the name is free for a new room that inherits nothing.
 * Nobody deletes {@code general}.
 */
@ApplicationScoped
public class DeleteRoomHandler implements Command<DeleteRoom> {

    private final ModerationContext context;
    private final MessageSearch search;

    public DeleteRoomHandler(ModerationContext context, MessageSearch search) {
        this.context = context;
        this.search = search;
    }

    @Override
    public Class<DeleteRoom> event() {
        return DeleteRoom.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, DeleteRoom event) {
        OnlineUser user = session.requireUser();
        Room room = context.directory.requireVisible(user, RoomRequests.requireName(event.payload() == null ? null
                : event.payload().room()));
        if (room.isGeneral()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "nobody deletes general");
        }
        context.offload.run(session, event.id(), "deleting the room", () -> {
            Actor actor = context.moderators.requireOwner(user, room);
            context.store.delete(room);
            search.pruned();
            context.audit.record(actor.name(), "delete_room", room.name(), null, null, null);
            return actor;
        }, actor -> {
            Room last = context.directory.find(room.name());
            context.fanOut.send(new Target.Users(last == null ? room.memberNames() : last.memberNames()), new RoomDeleted(room.name()));
            context.directory.remove(room.name());
            context.fanOut.roomDeleted(room.name());
            context.registry.acknowledge(session, event.id());
        });
    }
}

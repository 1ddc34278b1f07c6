package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.cluster.Target;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.moderation.ShortText;
import org.majlis.protocol.ClientEvent.UpdateRoom;
import org.majlis.protocol.ClientEvent.UpdateRoomPayload;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.RoomUpdated;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomControls;

/**
 * {@code update_room}: the owner (or an administrator) sets the room's topic and whether only its
 * moderators post ({@code readOnly}); the members hear {@code room_updated}.
 */
@ApplicationScoped
public class UpdateRoomHandler implements Command<UpdateRoom> {

    private final ModerationContext context;

    public UpdateRoomHandler(ModerationContext context) {
        this.context = context;
    }

    @Override
    public Class<UpdateRoom> event() {
        return UpdateRoom.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, UpdateRoom event) {
        OnlineUser user = session.requireUser();
        UpdateRoomPayload request = event.payload();
        if (request == null || (request.topic() == null && request.readOnly() == null)) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "room and topic or readOnly are required");
        }
        Room room = context.directory.requireVisible(user, RoomRequests.requireName(request.room()));
        String topic = request.topic() == null ? room.controls().topic()
                : ShortText.check(request.topic(), "topic", ShortText.MAX_TOPIC);
        boolean readOnly = request.readOnly() == null ? room.controls().readOnly() : request.readOnly();
        context.offload.run(session, event.id(), "updating the room", () -> {
            Actor actor = context.moderators.requireOwner(user, room);
            context.store.saveSettings(room, topic, readOnly);
            context.audit.record(actor.name(), "update_room", room.name(), null, readOnly ? "read-only" : "open to all", null);
            return actor;
        }, actor -> {
            announce(context, context.changeControls(room, controls -> controls.withTopic(topic).withReadOnly(readOnly)));
            context.registry.acknowledge(session, event.id());
        });
    }

    /** Tells the room's members how it is set now. */
    static void announce(ModerationContext context, Room room) {
        RoomControls controls = room.controls();
        context.fanOut.send(new Target.Conversation(room.conversation(), null, 0),
                new RoomUpdated(room.name(), controls.topic(), controls.readOnly(), List.copyOf(controls.moderators().values())));
    }
}

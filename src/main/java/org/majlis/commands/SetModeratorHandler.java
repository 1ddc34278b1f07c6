package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.ModeratorPayload;
import org.majlis.protocol.ClientEvent.SetModerator;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.rooms.Room;

/**
 * {@code set_moderator}: the owner (or an administrator, also for {@code general}) names a member
 * a moderator of the room, or no longer ({@code "moderator": false}); the members hear
 * {@code room_updated}.
 */
@ApplicationScoped
public class SetModeratorHandler implements Command<SetModerator> {

    private final ModerationContext context;

    public SetModeratorHandler(ModerationContext context) {
        this.context = context;
    }

    @Override
    public Class<SetModerator> event() {
        return SetModerator.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, SetModerator event) {
        OnlineUser user = session.requireUser();
        ModeratorPayload request = event.payload();
        if (request == null || request.username() == null || request.moderator() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "room, username and moderator are required");
        }
        Room room = context.directory.requireVisible(user, RoomRequests.requireName(request.room()));
        boolean moderator = request.moderator();
        context.offload.run(session, event.id(), "naming a moderator", () -> {
            Actor actor = context.moderators.requireOwner(user, room);
            String target = context.requests.existingUser(request.username());
            String key = Names.key(target);
            if (room.isOwner(key)) {
                throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "the owner moderates its room already");
            }
            if (moderator && !room.isMember(key)) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "only members become moderators");
            }
            if (!context.store.setModerator(room, target, moderator, actor.name())) {
                return null;
            }
            context.audit.record(actor.name(), moderator ? "add_moderator" : "remove_moderator", room.name(), target, null, null);
            return target;
        }, target -> {
            if (target != null) {
                UpdateRoomHandler.announce(context, context.changeControls(room, controls -> controls.withModerator(target, moderator)));
            }
            context.registry.acknowledge(session, event.id());
        });
    }
}

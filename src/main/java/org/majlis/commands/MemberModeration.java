package org.majlis.commands;

import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.moderation.ShortText;
import org.majlis.protocol.ClientEvent;
import org.majlis.protocol.ClientEvent.MemberAction;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.rooms.Room;

/**
 * What a moderator does to a member of a room ({@code kick}, {@code ban}, {@code unban},
 * {@code mute}, {@code unmute}): on a worker thread the rights are checked ({@link
 * org.majlis.moderation.Moderators}), the target resolved, the change stored and written to the
 * audit log; then, on the event loop, the room changes on every node, it is announced, and the
 * request acknowledged.
 */
abstract class MemberModeration<E extends ClientEvent> implements Command<E> {

    /**
     * A stored change: what applies and announces it on the event loop, and the audit log's
     * detail of it (a mute's end), or null.
     */
    record Outcome(Runnable announce, String detail) {
        Outcome(Runnable announce) {
            this(announce, null);
        }
    }

    /** An action that changed nothing (the user was not banned, say): nothing to announce or log. */
    static final Outcome NOTHING = new Outcome(() -> { });

    final ModerationContext context;

    MemberModeration(ModerationContext context) {
        this.context = context;
    }

    /** The action's name in the audit log. */
    abstract String action();

    abstract MemberAction payload(E event);

    /** Blocking: checks what is particular to the action, stores it; the outcome runs on the event loop. */
    abstract Outcome act(Room room, Actor actor, String target, MemberAction request, String reason);

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, E event) {
        OnlineUser user = session.requireUser();
        MemberAction request = payload(event);
        if (request == null || request.username() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "room and username are required");
        }
        Room room = context.directory.requireVisible(user, RoomRequests.requireName(request.room()));
        String reason = ShortText.check(request.reason(), "reason", ShortText.MAX_REASON);
        context.offload.run(session, event.id(), action(), () -> {
            Actor actor = context.moderators.requireModerator(user, room);
            String target = context.requests.existingUser(request.username());
            context.moderators.requireMayActOn(actor, room, target);
            Outcome outcome = act(room, actor, target, request, reason);
            if (outcome != NOTHING) {
                context.audit.record(actor.name(), action(), room.name(), target, outcome.detail(), reason);
            }
            return outcome;
        }, outcome -> {
            outcome.announce().run();
            context.registry.acknowledge(session, event.id());
        });
    }
}

package org.majlis.commands;

import jakarta.inject.Singleton;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.Ban;
import org.majlis.protocol.ClientEvent.MemberAction;
import org.majlis.rooms.Room;

/**
 * {@code ban}: the user leaves the room (a member is told as for {@code kick}, with
 * {@code banned}) and can neither join it again, nor read it, nor be invited, until unbanned. Its
 * moderator role and any mute there end. Banned from {@code general}, it neither reads nor posts
 * there.
 */
@Singleton // not proxied: its base class takes its context in the constructor
public class BanHandler extends MemberModeration<Ban> {

    public BanHandler(ModerationContext context) {
        super(context);
    }

    @Override
    public Class<Ban> event() {
        return Ban.class;
    }

    @Override
    String action() {
        return "ban";
    }

    @Override
    MemberAction payload(Ban event) {
        return event.payload();
    }

    @Override
    Outcome act(Room room, Actor actor, String target, MemberAction request, String reason) {
        if (!context.store.ban(room, target, actor.name())) {
            return NOTHING;
        }
        String key = Names.key(target);
        return new Outcome(() -> {
            Room after = context.changeRoom(room, current -> current.withoutMember(key)
                    .withControls(current.controls().withBan(target, true)));
            KickHandler.announceRemoval(context, after, target, true, reason);
        });
    }
}

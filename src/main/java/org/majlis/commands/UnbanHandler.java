package org.majlis.commands;

import jakarta.inject.Singleton;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.MemberAction;
import org.majlis.protocol.ClientEvent.Unban;
import org.majlis.rooms.Room;

/** {@code unban}: the user may join (or be invited to) the room again. */
@Singleton // not proxied: its base class takes its context in the constructor
public class UnbanHandler extends MemberModeration<Unban> {

    public UnbanHandler(ModerationContext context) {
        super(context);
    }

    @Override
    public Class<Unban> event() {
        return Unban.class;
    }

    @Override
    String action() {
        return "unban";
    }

    @Override
    MemberAction payload(Unban event) {
        return event.payload();
    }

    @Override
    Outcome act(Room room, Actor actor, String target, MemberAction request, String reason) {
        if (!context.store.unban(room, Names.key(target))) {
            return NOTHING;
        }
        return new Outcome(() -> context.changeControls(room, controls -> controls.withBan(target, false)));
    }
}

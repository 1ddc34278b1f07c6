package org.majlis.commands;

import jakarta.inject.Singleton;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.MemberAction;
import org.majlis.protocol.ClientEvent.Unmute;
import org.majlis.rooms.Room;

/** {@code unmute}: the mute ends now; the members hear {@code member_muted} without an end. */
@Singleton // not proxied: its base class takes its context in the constructor
public class UnmuteHandler extends MemberModeration<Unmute> {

    public UnmuteHandler(ModerationContext context) {
        super(context);
    }

    @Override
    public Class<Unmute> event() {
        return Unmute.class;
    }

    @Override
    String action() {
        return "unmute";
    }

    @Override
    MemberAction payload(Unmute event) {
        return event.payload();
    }

    @Override
    Outcome act(Room room, Actor actor, String target, MemberAction request, String reason) {
        String key = Names.key(target);
        if (!room.controls().isMuted(key, System.currentTimeMillis())) {
            return NOTHING;
        }
        context.store.mute(room, key, null);
        return new Outcome(() -> MuteHandler.announce(context, context.changeControls(room, controls -> controls.withMute(key, null)),
                target, null));
    }
}

package org.majlis.commands;

import jakarta.inject.Singleton;
import java.time.Instant;
import org.majlis.cluster.Target;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.MemberAction;
import org.majlis.protocol.ClientEvent.Mute;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.MemberMuted;
import org.majlis.rooms.Room;

/**
 * {@code mute}: for {@code minutes} the user reads the room but cannot post nor edit there
 * ({@code muted}); the members hear {@code member_muted} with the end. A new mute replaces one
 * that runs.
 */
@Singleton // not proxied: its base class takes its context in the constructor
public class MuteHandler extends MemberModeration<Mute> {

    /** The longest mute: a year. */
    static final int MAX_MINUTES = 525_600;

    public MuteHandler(ModerationContext context) {
        super(context);
    }

    @Override
    public Class<Mute> event() {
        return Mute.class;
    }

    @Override
    String action() {
        return "mute";
    }

    @Override
    MemberAction payload(Mute event) {
        return event.payload();
    }

    @Override
    Outcome act(Room room, Actor actor, String target, MemberAction request, String reason) {
        if (request.minutes() == null || request.minutes() < 1 || request.minutes() > MAX_MINUTES) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "minutes is from 1 to " + MAX_MINUTES);
        }
        long until = System.currentTimeMillis() + request.minutes() * 60_000L;
        String key = Names.key(target);
        context.store.mute(room, key, until);
        String end = Instant.ofEpochMilli(until).toString();
        return new Outcome(() -> announce(context, context.changeControls(room, controls -> controls.withMute(key, until)),
                target, end), end);
    }

    /** Tells the room's members that the user is muted until the end, or no longer (null). */
    static void announce(ModerationContext context, Room room, String target, String end) {
        context.fanOut.send(new Target.Conversation(room.conversation(), null, 0), new MemberMuted(room.name(), target, end));
    }
}

package org.majlis.commands;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.majlis.cluster.Target;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.Kick;
import org.majlis.protocol.ClientEvent.MemberAction;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.MemberLeft;
import org.majlis.rooms.Room;

/** {@code kick}: a moderator removes a member from the room; it may join again (a public room) unless banned. */
@Singleton // not proxied: its base class takes its context in the constructor
public class KickHandler extends MemberModeration<Kick> {

    public KickHandler(ModerationContext context) {
        super(context);
    }

    @Override
    public Class<Kick> event() {
        return Kick.class;
    }

    @Override
    String action() {
        return "kick";
    }

    @Override
    MemberAction payload(Kick event) {
        return event.payload();
    }

    @Override
    Outcome act(Room room, Actor actor, String target, MemberAction request, String reason) {
        if (room.isGeneral()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "nobody leaves general: ban or mute instead");
        }
        String key = Names.key(target);
        if (!context.store.removeMember(room, key)) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, target + " is not a member of this room");
        }
        return new Outcome(() -> {
            Room after = context.changeRoom(room, current -> current.withoutMember(key));
            announceRemoval(context, after, target, false, reason);
        });
    }

    /** Tells the members and the one removed that a moderator removed it. */
    static void announceRemoval(ModerationContext context, Room after, String target, boolean banned, String reason) {
        List<String> told = new ArrayList<>(after.memberNames());
        told.add(target);
        context.fanOut.send(new Target.Users(told), new MemberLeft(after.name(), target, true, banned ? true : null, reason));
    }
}

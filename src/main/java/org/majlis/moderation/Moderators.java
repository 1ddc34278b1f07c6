package org.majlis.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.auth.Admins;
import org.majlis.connections.OnlineUser;
import org.majlis.names.Names;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.rooms.Room;

/**
 * Who may do what in a room (the table is in the protocol docs): the owner and the moderators it
 * named moderate it, server administrators moderate every room, {@code general} included; the
 * owner's settings are the owner's and administrators'. Nobody acts on an administrator, a
 * moderator not on the owner nor on another moderator. Blocking (the administrators are in the
 * database): worker threads only.
 */
@ApplicationScoped
public class Moderators {

    /** Who acts, and whether as an administrator. */
    public record Actor(String name, boolean admin) {
    }

    private final Admins admins;

    public Moderators(Admins admins) {
        this.admins = admins;
    }

    public Actor actor(OnlineUser user) {
        return new Actor(user.name(), admins.isAdmin(user.name(), user.guest()));
    }

    /** The user moderates the room, or refuses. */
    public Actor requireModerator(OnlineUser user, Room room) {
        Actor actor = actor(user);
        if (!actor.admin() && !room.isModerator(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only the room's moderators may do that");
        }
        return actor;
    }

    /** The user owns the room (or administers the server), or refuses. */
    public Actor requireOwner(OnlineUser user, Room room) {
        Actor actor = actor(user);
        if (!actor.admin() && !room.isOwner(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only the room's owner may do that");
        }
        return actor;
    }

    /** The actor, who moderates the room, may act on the target there; refuses otherwise. */
    public void requireMayActOn(Actor actor, Room room, String target) {
        String key = Names.key(target);
        if (key.equals(Names.key(actor.name()))) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "moderators do not act on themselves");
        }
        if (admins.isAdmin(target, false)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "nobody acts on a server administrator");
        }
        boolean actorOwns = actor.admin() || room.isOwner(Names.key(actor.name()));
        if (!actorOwns && room.isModerator(key)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only the owner acts on the room's owner and moderators");
        }
    }
}

package org.majlis.integrations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;
import org.majlis.auth.Admins;
import org.majlis.auth.Identity;
import org.majlis.auth.SessionResource;
import org.majlis.auth.Sessions;
import org.majlis.names.Names;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;

/**
 * Who may manage a room's integrations: its owner (an account) or a server administrator. Rooms
 * without an owner ({@code general}) are the administrators' only. Blocking (the session check).
 */
@ApplicationScoped
class RoomManagers {

    /** The room, and who manages it in this request. */
    record Managed(Room room, Identity manager) {
    }

    private final Sessions sessions;
    private final Admins admins;
    private final RoomDirectory directory;

    RoomManagers(Sessions sessions, Admins admins, RoomDirectory directory) {
        this.sessions = sessions;
        this.admins = admins;
        this.directory = directory;
    }

    /**
     * The room named, when the bearer token's account manages it; else throws the answer: 401
     * without a live session, 403 for a guest or anyone else, 404 for a room that does not exist
     * or a private room the caller may not see.
     */
    Managed require(String authorization, String roomName) {
        Identity caller = sessions.verifyBearer(authorization);
        if (caller == null) {
            throw new WebApplicationException(SessionResource.unauthorized());
        }
        if (caller.guest()) {
            throw Refusal.thrown(Status.FORBIDDEN, "forbidden", "guests manage no integrations: log in with an account");
        }
        String name = Names.normalize(roomName);
        Room room = name == null ? null : directory.find(name);
        String key = Names.key(caller.username());
        boolean admin = admins.isAdmin(caller.username(), false);
        if (room == null || !(admin || room.isVisibleTo(key))) {
            throw Refusal.thrown(Status.NOT_FOUND, "room_not_found", "no such room");
        }
        if (!admin && (room.owner() == null || !Names.key(room.owner()).equals(key))) {
            throw Refusal.thrown(Status.FORBIDDEN, "forbidden", "only the room's owner or an administrator manages its integrations");
        }
        return new Managed(room, caller);
    }
}

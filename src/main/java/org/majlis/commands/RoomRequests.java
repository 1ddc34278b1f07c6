package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.auth.Accounts;
import org.majlis.cluster.UserDirectory;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.UserRegistry;
import org.majlis.names.Names;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.RoomInfo;
import org.majlis.rooms.Room;

/**
 * What the room commands share. Changes are stored first (on a worker thread), then applied to the
 * directory and announced: a new member gets {@code room}, the others {@code member_joined} or
 * {@code member_left}, an invitee {@code invited}. A private room the asker may not see is
 * answered exactly as an unknown one.
 */
@ApplicationScoped
public class RoomRequests {

    private final UserRegistry registry;
    private final Accounts accounts;
    private final UserDirectory users;
    private final MajlisConfig.Rooms caps;

    public RoomRequests(UserRegistry registry, Accounts accounts, UserDirectory users, MajlisConfig config) {
        this.registry = registry;
        this.accounts = accounts;
        this.users = users;
        this.caps = config.rooms();
    }

    /** Blocking: the name as registered or as connected; refuses names nobody has. */
    String existingUser(String requested) {
        String name = Names.normalize(requested);
        if (name != null) {
            OnlineUser online = registry.find(name);
            if (online != null) {
                return online.name();
            }
            String registered = accounts.accountName(name);
            if (registered != null) {
                return registered;
            }
            String elsewhere = users.nameElsewhere(name);
            if (elsewhere != null) {
                return elsewhere;
            }
        }
        throw new ProtocolException(ErrorCode.USER_NOT_FOUND, "no such user: " + requested);
    }

    void requireRoomForInvitations(int pending) {
        if (pending > caps.maxPendingInvitations()) {
            throw new ProtocolException(ErrorCode.LIMIT_REACHED,
                    "a room may have at most " + caps.maxPendingInvitations() + " pending invitations");
        }
    }

    int maxOwnedPerUser() {
        return caps.maxOwnedPerUser();
    }

    static String requireName(String room) {
        if (room == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "room is required");
        }
        return room;
    }

    static RoomInfo info(Room room) {
        return new RoomInfo(room.name(), room.isPrivate(), room.owner(), room.memberNames());
    }
}

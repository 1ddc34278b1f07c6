package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.majlis.auth.Accounts;
import org.majlis.cluster.FanOut;
import org.majlis.cluster.Target;
import org.majlis.cluster.UserDirectory;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.limits.Limits;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.CreateRoomPayload;
import org.majlis.protocol.ClientEvent.InvitePayload;
import org.majlis.protocol.ClientEvent.ListRoomsPayload;
import org.majlis.protocol.ClientEvent.RoomRef;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Ack;
import org.majlis.protocol.ServerEvent.Invited;
import org.majlis.protocol.ServerEvent.MemberJoined;
import org.majlis.protocol.ServerEvent.MemberLeft;
import org.majlis.protocol.ServerEvent.RoomInfo;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/**
 * {@code create_room}, {@code join_room}, {@code leave_room}, {@code invite}, {@code decline_invite}
 * and {@code rooms}. Changes are stored first (on a worker thread), then applied to the directory
 * and announced: a new member gets {@code room}, the others {@code member_joined} or
 * {@code member_left}, an invitee {@code invited}. A private room the asker may not see is
 * answered exactly as an unknown one.
 */
@ApplicationScoped
public class RoomHandler {

    /** Members a {@code create_room} may name. */
    static final int MAX_INITIAL_MEMBERS = 100;

    private final RoomDirectory directory;
    private final RoomStore store;
    private final RoomPages pages;
    private final UserRegistry registry;
    private final Accounts accounts;
    private final Offload offload;
    private final Limits limits;
    private final FanOut fanOut;
    private final UserDirectory users;
    private final MajlisConfig.Rooms caps;

    public RoomHandler(RoomDirectory directory, RoomStore store, RoomPages pages, UserRegistry registry,
            Accounts accounts, Offload offload, Limits limits, FanOut fanOut, UserDirectory users, MajlisConfig config) {
        this.caps = config.rooms();
        this.fanOut = fanOut;
        this.users = users;
        this.directory = directory;
        this.store = store;
        this.pages = pages;
        this.registry = registry;
        this.accounts = accounts;
        this.offload = offload;
        this.limits = limits;
    }

    public void create(Session session, String ref, CreateRoomPayload payload) {
        OnlineUser owner = session.requireUser();
        String name = payload == null ? null : Names.normalize(payload.room());
        if (name == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        List<String> invited = payload.members() == null ? List.of() : payload.members();
        if (invited.size() > MAX_INITIAL_MEMBERS) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "at most " + MAX_INITIAL_MEMBERS + " initial members");
        }
        if (directory.find(name) != null) {
            throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
        }
        String ownerKey = Names.key(owner.name());
        if (directory.ownedBy(ownerKey) >= caps.maxOwnedPerUser()) {
            throw new ProtocolException(ErrorCode.LIMIT_REACHED, "you may create at most " + caps.maxOwnedPerUser() + " rooms");
        }
        requireRoomForInvitations(invited.size());
        limits.message(owner.name());
        boolean isPrivate = Boolean.TRUE.equals(payload.isPrivate());
        offload.run(session, ref, "creating the room", () -> {
            limits.clusterMessage(owner.name());
            Room room = new Room(name, isPrivate, owner.name(), Map.of(ownerKey, owner.name()));
            for (String member : invited) {
                String existing = existingUser(member);
                if (!room.isMember(Names.key(existing))) {
                    room = room.withInvitation(existing, owner.name());
                }
            }
            if (!store.create(room)) {
                throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
            }
            return room;
        }, room -> {
            directory.apply(room);
            fanOut.roomChanged(room);
            fanOut.send(new Target.Users(List.of(owner.name())), info(room));
            fanOut.send(new Target.Users(List.copyOf(room.invited().keySet())), new Invited(room.name(), isPrivate, owner.name()));
        });
    }

    /** A public room, or a private one the user is invited to (accepting the invitation). */
    public void join(Session session, String ref, RoomRef payload) {
        OnlineUser user = session.requireUser();
        Room room = directory.requireVisible(user, requireName(payload == null ? null : payload.room()));
        if (room.isGeneral()) {
            registry.reply(session, info(room));
            return;
        }
        limits.message(user.name());
        offload.run(session, ref, "joining the room", () -> {
            limits.clusterMessage(user.name());
            return store.join(room, user.name());
        }, joined -> {
            if (!joined) { // a member already: the asker gets the room as it is
                registry.reply(session, info(directory.find(room.name())));
                return;
            }
            Room after = directory.update(room, current -> current.withMember(user.name()));
            fanOut.roomChanged(after);
            fanOut.send(new Target.Users(List.of(user.name())), info(after));
            List<String> others = new ArrayList<>(after.memberNames());
            others.remove(user.name());
            fanOut.send(new Target.Users(others), new MemberJoined(room.name(), user.name()));
        });
    }

    /** Members invite; the invitee gets {@code invited} and becomes a member only by joining. */
    public void invite(Session session, String ref, InvitePayload payload) {
        OnlineUser inviter = session.requireUser();
        if (payload == null || payload.username() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "room and username are required");
        }
        Room room = directory.requireVisible(inviter, requireName(payload.room()));
        if (room.isGeneral() || !room.isMember(Names.key(inviter.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only members may invite to this room");
        }
        requireRoomForInvitations(room.invited().size() + 1);
        limits.message(inviter.name());
        offload.run(session, ref, "inviting", () -> {
            limits.clusterMessage(inviter.name());
            String invitee = existingUser(payload.username());
            String key = Names.key(invitee);
            // a member, or invited already: nothing to do, and the invitee is not told twice
            return directory.find(room.name()).isMember(key) || !store.invite(room, key, inviter.name()) ? null : invitee;
        }, invitee -> {
            if (invitee != null) {
                fanOut.roomChanged(directory.update(room, current -> current.withInvitation(invitee, inviter.name())));
                fanOut.send(new Target.Users(List.of(invitee)), new Invited(room.name(), room.isPrivate(), inviter.name()));
            }
            registry.reply(session, Ack.of(ref));
        });
    }

    /** Drops the user's invitation to the room; answered by {@code ack} whether there was one or not. */
    public void decline(Session session, String ref, RoomRef payload) {
        OnlineUser user = session.requireUser();
        String name = Names.normalize(requireName(payload == null ? null : payload.room()));
        if (name == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        Room room = directory.find(name);
        String key = Names.key(user.name());
        if (room == null || !room.invited().containsKey(key)) {
            registry.reply(session, Ack.of(ref));
            return;
        }
        limits.message(user.name());
        offload.run(session, ref, "declining the invitation", () -> store.decline(room, key), declined -> {
            if (declined) {
                fanOut.roomChanged(directory.update(room, current -> current.withoutInvitation(key)));
            }
            registry.reply(session, Ack.of(ref));
        });
    }

    public void leave(Session session, String ref, RoomRef payload) {
        OnlineUser user = session.requireUser();
        Room room = directory.requireMember(user, requireName(payload == null ? null : payload.room()));
        String key = Names.key(user.name());
        if (room.isGeneral()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "nobody leaves general");
        }
        offload.run(session, ref, "leaving the room", () -> store.removeMember(room, key), removed -> {
            if (removed) {
                Room after = directory.update(room, current -> current.withoutMember(key));
                fanOut.roomChanged(after);
                List<String> told = new ArrayList<>(after.memberNames());
                told.add(user.name());
                fanOut.send(new Target.Users(told), new MemberLeft(room.name(), user.name()));
            }
        });
    }

    public void list(Session session, String ref, ListRoomsPayload payload) {
        pages.list(session, ref, payload);
    }

    /** Blocking: drops a former guest of that name from every room (a new guest now has the name). */
    public void forgetMemberships(String userKey) {
        if (directory.isMemberOfAny(userKey)) { // most new guests are not: no database work for them
            store.removeFromAll(userKey);
            directory.removeFromAll(userKey).forEach(fanOut::roomChanged);
        }
    }

    /** Blocking: the name as registered or as connected; refuses names nobody has. */
    private String existingUser(String requested) {
        String name = Names.normalize(requested);
        if (name != null) {
            OnlineUser online = registry.find(name);
            if (online != null) {
                return online.name();
            }
            String registered = accounts.registeredName(name);
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

    private static String requireName(String room) {
        if (room == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "room is required");
        }
        return room;
    }

    private void requireRoomForInvitations(int pending) {
        if (pending > caps.maxPendingInvitations()) {
            throw new ProtocolException(ErrorCode.LIMIT_REACHED,
                    "a room may have at most " + caps.maxPendingInvitations() + " pending invitations");
        }
    }

    private static RoomInfo info(Room room) {
        return new RoomInfo(room.name(), room.isPrivate(), room.owner(), room.memberNames());
    }
}

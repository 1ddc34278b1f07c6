package org.majlis.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.auth.Accounts;
import org.majlis.cluster.FanOut;
import org.majlis.cluster.Target;
import org.majlis.cluster.UserDirectory;
import org.majlis.limits.Limits;
import org.majlis.messages.ConversationId;
import org.majlis.messages.MessageStore;
import org.majlis.names.Names;
import org.majlis.presence.OnlineUser;
import org.majlis.presence.UserRegistry;
import org.majlis.ws.ClientEvent.CreateRoomPayload;
import org.majlis.ws.ClientEvent.InvitePayload;
import org.majlis.ws.ClientEvent.RoomRef;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.Offload;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent;
import org.majlis.ws.ServerEvent.MemberJoined;
import org.majlis.ws.ServerEvent.MemberLeft;
import org.majlis.ws.ServerEvent.RoomInfo;
import org.majlis.ws.ServerEvent.RoomListing;
import org.majlis.ws.Session;

/**
 * {@code create_room}, {@code join_room}, {@code leave_room}, {@code invite} and {@code rooms}.
 * Changes are stored first (on a worker thread), then applied to the directory and announced: a
 * new member gets {@code room}, the others {@code member_joined} or {@code member_left}.
 */
@ApplicationScoped
public class RoomHandler {

    /** Members a {@code create_room} may name. */
    static final int MAX_INITIAL_MEMBERS = 100;

    private final RoomDirectory directory;
    private final RoomStore store;
    private final MessageStore messages;
    private final UserRegistry registry;
    private final Accounts accounts;
    private final Offload offload;
    private final Limits limits;
    private final FanOut fanOut;
    private final UserDirectory users;

    public RoomHandler(RoomDirectory directory, RoomStore store, MessageStore messages, UserRegistry registry,
            Accounts accounts, Offload offload, Limits limits, FanOut fanOut, UserDirectory users) {
        this.fanOut = fanOut;
        this.users = users;
        this.directory = directory;
        this.store = store;
        this.messages = messages;
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
        limits.message(owner.name());
        boolean isPrivate = Boolean.TRUE.equals(payload.isPrivate());
        offload.run(session, ref, "creating the room", () -> {
            limits.clusterMessage(owner.name());
            Map<String, String> members = new LinkedHashMap<>();
            members.put(Names.key(owner.name()), owner.name());
            for (String member : invited) {
                String existing = existingUser(member);
                members.putIfAbsent(Names.key(existing), existing);
            }
            Room room = new Room(name, isPrivate, owner.name(), members);
            if (!store.create(room)) {
                throw new ProtocolException(ErrorCode.ROOM_EXISTS, "a room of that name exists");
            }
            return room;
        }, room -> {
            directory.apply(room);
            fanOut.roomChanged(room);
            fanOut.send(new Target.Users(room.memberNames()), info(room));
        });
    }

    public void join(Session session, String ref, RoomRef payload) {
        OnlineUser user = session.requireUser();
        Room room = directory.require(requireName(payload == null ? null : payload.room()));
        if (room.isPrivate() && !room.isMember(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "this room is private: ask a member for an invitation");
        }
        if (room.isGeneral()) {
            registry.reply(session, info(room));
            return;
        }
        limits.message(user.name());
        addMember(session, ref, room, user.name());
    }

    public void invite(Session session, String ref, InvitePayload payload) {
        OnlineUser inviter = session.requireUser();
        if (payload == null || payload.username() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "room and username are required");
        }
        Room room = directory.require(requireName(payload.room()));
        if (room.isGeneral() || !room.isMember(Names.key(inviter.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only members may invite to this room");
        }
        limits.message(inviter.name());
        addMember(session, ref, room, payload.username());
    }

    public void leave(Session session, String ref, RoomRef payload) {
        OnlineUser user = session.requireUser();
        Room room = directory.require(requireName(payload == null ? null : payload.room()));
        String key = Names.key(user.name());
        if (room.isGeneral()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "nobody leaves general");
        }
        if (!room.isMember(key)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are not a member of this room");
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

    public void list(Session session, String ref) {
        OnlineUser user = session.requireUser();
        String key = Names.key(user.name());
        List<Room> visible = directory.visibleTo(key);
        offload.run(session, ref, "listing rooms", () -> {
            List<ConversationId> conversations = visible.stream().map(Room::conversation).toList();
            Map<ConversationId, MessageStore.Summary> counts = new LinkedHashMap<>();
            messages.summaries(key, conversations, false).forEach(s -> counts.put(s.conversation(), s));
            List<RoomListing> listings = new ArrayList<>();
            for (Room room : visible) {
                MessageStore.Summary summary = counts.get(room.conversation());
                boolean joined = room.isMember(key);
                listings.add(new RoomListing(room.name(), room.isPrivate(),
                        room.isGeneral() ? registry.onlineUsers().size() : room.members().size(),
                        summary == null ? 0 : summary.lastSeq(), joined && summary != null ? summary.unread() : 0, joined));
            }
            return new ServerEvent.Rooms(ref, listings);
        }, rooms -> registry.reply(session, rooms));
    }

    /** Blocking: drops a former guest of that name from every room (a new guest now has the name). */
    public void forgetMemberships(String userKey) {
        if (directory.isMemberOfAny(userKey)) { // most new guests are not: no database work for them
            store.removeFromAll(userKey);
            directory.removeFromAll(userKey).forEach(fanOut::roomChanged);
        }
    }

    /** Stores the membership, then tells the new member ({@code room}) and the others ({@code member_joined}). */
    private void addMember(Session session, String ref, Room room, String requestedName) {
        offload.run(session, ref, "adding the member", () -> {
            limits.clusterMessage(session.requireUser().name());
            String member = existingUser(requestedName);
            return store.addMember(room, member) ? member : null;
        }, member -> {
            if (member == null) { // a member already: the asker gets the room as it is
                registry.reply(session, info(directory.find(room.name())));
                return;
            }
            Room after = directory.update(room, current -> current.withMember(member));
            fanOut.roomChanged(after);
            fanOut.send(new Target.Users(List.of(member)), info(after));
            List<String> others = new ArrayList<>(after.memberNames());
            others.remove(member);
            fanOut.send(new Target.Users(others), new MemberJoined(room.name(), member));
        });
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

    private static RoomInfo info(Room room) {
        return new RoomInfo(room.name(), room.isPrivate(), room.owner(), room.memberNames());
    }
}

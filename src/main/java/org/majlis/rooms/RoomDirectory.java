package org.majlis.rooms;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.majlis.connections.OnlineUser;
import org.majlis.names.Names;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/**
 * Every room and its members, in memory so that delivery and membership checks never touch the
 * database. The store is the truth: the directory is loaded from it at start and changed only
 * after the store accepted a change.
 */
@Startup
@ApplicationScoped
public class RoomDirectory {

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    public RoomDirectory(RoomStore store) {
        rooms.put(Room.GENERAL.key(), Room.GENERAL);
        store.loadAll().forEach(this::apply);
    }

    /** The room of that name, or null. */
    public Room find(String name) {
        return rooms.get(Names.key(name));
    }

    /**
     * The room a request names, which the user must be a member of. Null names {@code general}.
     * A private room the user may not see is refused as if it did not exist.
     */
    public Room requireMember(OnlineUser user, String name) {
        Room room = requireVisible(user, name);
        if (!room.isMember(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are not a member of this room");
        }
        return room;
    }

    /**
     * The room a message is posted to: the user must be a member, not muted there, and a
     * moderator if the room is read-only.
     */
    public Room requirePoster(OnlineUser user, String name) {
        Room room = requireMember(user, name);
        String key = Names.key(user.name());
        Long mutedUntil = room.controls().mutedUntil().get(key);
        if (room.controls().isMuted(key, System.currentTimeMillis())) {
            throw new ProtocolException(ErrorCode.MUTED, "you are muted in this room until " + Instant.ofEpochMilli(mutedUntil));
        }
        if (room.controls().readOnly() && !room.isModerator(key)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "this room is read-only: only its moderators post");
        }
        return room;
    }

    /** The room a request names, which the user may read: public or a member's, and not banned from it. */
    public Room requireReadable(OnlineUser user, String name) {
        Room room = requireVisible(user, name);
        String key = Names.key(user.name());
        if (room.isBanned(key)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are banned from this room");
        }
        return room.isPrivate() ? requireMember(user, name) : room;
    }

    /**
     * The room a request names, which the user may know of (public, or a member, or invited);
     * other private rooms are refused exactly as unknown ones, so that they do not show.
     */
    public Room requireVisible(OnlineUser user, String name) {
        Room room = require(name);
        if (!room.isVisibleTo(Names.key(user.name()))) {
            throw notFound();
        }
        return room;
    }

    /** The room a request names ({@code general} when null); refuses invalid and unknown names. */
    public Room require(String name) {
        if (name == null) {
            return rooms.get(Room.GENERAL.key());
        }
        String normalized = Names.normalize(name);
        if (normalized == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        Room room = find(normalized);
        if (room == null) {
            throw notFound();
        }
        return room;
    }

    /** The one answer for a room that does not exist and a private room the asker may not see. */
    static ProtocolException notFound() {
        return new ProtocolException(ErrorCode.ROOM_NOT_FOUND, "no such room");
    }

    /** {@code general} and every room the user is a member of, {@code general} first, then by name. */
    public List<Room> roomsOf(String userKey) {
        return select(room -> room.isMember(userKey));
    }

    /**
     * A page of what {@code rooms} lists for the user: every public room and the user's private
     * ones, ordered as above. Without {@code afterKey} the first page, else the rooms named after
     * it ({@code general} is on the first page only); rooms the user is banned from are left out.
     * Up to {@code limit + 1} rooms: one more than asked tells that another page follows.
     */
    public List<Room> pageFor(String userKey, String afterKey, int limit) {
        return select(room -> (!room.isPrivate() || room.isMember(userKey)) && !room.isBanned(userKey) && comesAfter(room, afterKey),
                limit + 1);
    }

    /** Whether the room is listed after the cursor: {@code general} comes first, the others by name. */
    private static boolean comesAfter(Room room, String afterKey) {
        return afterKey == null
                || (!room.isGeneral() && (afterKey.equals(Room.GENERAL.key()) || room.key().compareTo(afterKey) > 0));
    }

    /** The rooms the user has a pending invitation to, by name, at most {@code limit}. */
    public List<Room> invitationsOf(String userKey, int limit) {
        return select(room -> room.invited().containsKey(userKey), limit);
    }

    /** How many rooms the user created (and owns). */
    public long ownedBy(String userKey) {
        return rooms.values().stream().filter(room -> room.owner() != null && Names.key(room.owner()).equals(userKey)).count();
    }

    private List<Room> select(Predicate<Room> wanted) {
        return select(wanted, Integer.MAX_VALUE);
    }

    private List<Room> select(Predicate<Room> wanted, int limit) {
        return rooms.values().stream().filter(wanted)
                .sorted(Comparator.comparing((Room room) -> !room.isGeneral()).thenComparing(Room::key))
                .limit(limit).toList();
    }

    /** Takes the room as it is now (created here, or changed on another node). */
    public void apply(Room room) {
        rooms.put(room.key(), room);
    }

    /** Drops a deleted room. */
    public void remove(String name) {
        rooms.remove(Names.key(name));
    }

    /** Applies a change to the room and returns the new room. */
    public Room update(Room room, UnaryOperator<Room> change) {
        return rooms.compute(room.key(), (key, current) -> change.apply(current == null ? room : current));
    }

    /**
     * Whether the user is listed in any room, as a member or invited (everybody is in
     * {@code general} without being listed).
     */
    public boolean isMemberOfAny(String userKey) {
        return rooms.values().stream().anyMatch(room -> isListed(room, userKey));
    }

    /** Drops the user from every room's members and invitations; returns the rooms that changed, as they are now. */
    public List<Room> removeFromAll(String userKey) {
        List<Room> changed = new ArrayList<>();
        rooms.replaceAll((key, room) -> {
            if (!isListed(room, userKey)) {
                return room;
            }
            Room without = room.withoutMember(userKey);
            changed.add(without);
            return without;
        });
        return changed;
    }

    private static boolean isListed(Room room, String userKey) {
        return room.members().containsKey(userKey) || room.invited().containsKey(userKey);
    }
}

package org.majlis.rooms;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.majlis.names.Names;
import org.majlis.presence.OnlineUser;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.ProtocolException;

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
     */
    public Room requireMember(OnlineUser user, String name) {
        Room room = require(name);
        if (!room.isMember(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are not a member of this room");
        }
        return room;
    }

    /** The room a request names ({@code general} when null); refuses invalid and unknown names. */
    public Room require(String name) {
        if (name == null) {
            return Room.GENERAL;
        }
        String normalized = Names.normalize(name);
        if (normalized == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        Room room = find(normalized);
        if (room == null) {
            throw new ProtocolException(ErrorCode.ROOM_NOT_FOUND, "no such room");
        }
        return room;
    }

    /** {@code general} and every room the user is a member of, {@code general} first, then by name. */
    public List<Room> roomsOf(String userKey) {
        return select(room -> room.isMember(userKey));
    }

    /** What {@code rooms} lists for the user: every public room and the user's private ones, ordered as above. */
    public List<Room> visibleTo(String userKey) {
        return select(room -> !room.isPrivate() || room.isMember(userKey));
    }

    private List<Room> select(Predicate<Room> wanted) {
        List<Room> selected = new ArrayList<>();
        for (Room room : rooms.values()) {
            if (wanted.test(room)) {
                selected.add(room);
            }
        }
        selected.sort(Comparator.comparing((Room room) -> !room.isGeneral()).thenComparing(Room::key));
        return selected;
    }

    /** Takes the room as it is now (created here, or changed on another node). */
    public void apply(Room room) {
        rooms.put(room.key(), room);
    }

    /** Applies a change to the room and returns the new room. */
    Room update(Room room, UnaryOperator<Room> change) {
        return rooms.compute(room.key(), (key, current) -> change.apply(current == null ? room : current));
    }

    /** Whether the user is listed in any room (everybody is in {@code general} without being listed). */
    boolean isMemberOfAny(String userKey) {
        return rooms.values().stream().anyMatch(room -> room.members().containsKey(userKey));
    }

    /** Drops the user from every room's member list; returns the rooms that changed, as they are now. */
    List<Room> removeFromAll(String userKey) {
        List<Room> changed = new ArrayList<>();
        rooms.replaceAll((key, room) -> {
            if (!room.members().containsKey(userKey)) {
                return room;
            }
            Room without = room.withoutMember(userKey);
            changed.add(without);
            return without;
        });
        return changed;
    }
}

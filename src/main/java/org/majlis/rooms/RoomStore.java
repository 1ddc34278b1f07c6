package org.majlis.rooms;

import java.util.List;

/** Durable rooms and their members. All methods block. */
public interface RoomStore {

    /** Every room but {@code general}, with its members. */
    List<Room> loadAll();

    /** Creates the room with its members; false when the name is taken. */
    boolean create(Room room);

    /** False when the user was a member already. */
    boolean addMember(Room room, String username);

    /** False when the user was not a member. */
    boolean removeMember(Room room, String userKey);

    /** Drops the user from every room (a guest name that a new guest now uses). */
    void removeFromAll(String userKey);
}

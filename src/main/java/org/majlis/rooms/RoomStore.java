package org.majlis.rooms;

import java.util.List;

/** Durable rooms, their members and pending invitations. All methods block. */
public interface RoomStore {

    /** Every room but {@code general}, with its members and invitations. */
    List<Room> loadAll();

    /** Creates the room with its members and invitations; false when the name is taken. */
    boolean create(Room room);

    /** The user joins, using up an invitation it had; false when the user was a member already. */
    boolean join(Room room, String username);

    /** False when the user was invited already. */
    boolean invite(Room room, String inviteeKey, String inviter);

    /** False when there was no such invitation. */
    boolean decline(Room room, String userKey);

    /** False when the user was not a member. */
    boolean removeMember(Room room, String userKey);

    /** Drops the user from every room and invitation (a guest name that a new guest now uses). */
    void removeFromAll(String userKey);
}

package org.majlis.rooms;

import java.util.List;

/** Durable rooms, their members and pending invitations. All methods block. */
public interface RoomStore {

    /** Every room, with its members, invitations and controls ({@code general} lists no members). */
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

    /** Stores the room's topic and read-only flag. */
    void saveSettings(Room room, String topic, boolean readOnly);

    /** Names the user a moderator of the room, or no longer; false when that changed nothing. */
    boolean setModerator(Room room, String username, boolean moderator, String by);

    /**
     * Bans the user from the room: its membership, invitation, moderator role and mute end with
     * it. False when it was banned already.
     */
    boolean ban(Room room, String username, String by);

    /** False when the user was not banned. */
    boolean unban(Room room, String userKey);

    /** Mutes the user until the time, or unmutes it (null). */
    void mute(Room room, String userKey, Long until);

    /** Gives the room a new name, with everything in it; false when a room has that name (as names compare). */
    boolean rename(Room room, String newName);

    /**
     * Deletes the room with everything in it: members, invitations, controls, messages with their
     * reactions, read marks, webhooks and outgoing events (their files go with the next file sweep).
     */
    void delete(Room room);
}

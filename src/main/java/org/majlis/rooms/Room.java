package org.majlis.rooms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;

/**
 * A room as the directory holds it: immutable, replaced on every change. {@code members} maps
 * each member's name key to the name, {@code invited} each pending invitee's name key to who
 * invited them; {@code controls} are what its owner and moderators set. Everybody is a member of
 * {@code general} without being listed.
 */
public record Room(String name, boolean isPrivate, String owner, Map<String, String> members, Map<String, String> invited,
        RoomControls controls) {

    public static final Room GENERAL = new Room(ConversationId.GENERAL.room(), false, null, Map.of());

    public Room {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        invited = Collections.unmodifiableMap(new LinkedHashMap<>(invited));
        controls = controls == null ? RoomControls.NONE : controls;
    }

    /** A room with no pending invitations nor controls. */
    public Room(String name, boolean isPrivate, String owner, Map<String, String> members) {
        this(name, isPrivate, owner, members, Map.of(), RoomControls.NONE);
    }

    public String key() {
        return Names.key(name);
    }

    public boolean isGeneral() {
        return key().equals(GENERAL.key());
    }

    public ConversationId conversation() {
        return isGeneral() ? ConversationId.GENERAL : ConversationId.room(name);
    }

    /** Whether the user is a member: everyone is one of {@code general}, but for those banned from it. */
    public boolean isMember(String userKey) {
        return isGeneral() ? !isBanned(userKey) : members.containsKey(userKey);
    }

    public boolean isOwner(String userKey) {
        return owner != null && Names.key(owner).equals(userKey);
    }

    /** The owner, or a moderator it named. */
    public boolean isModerator(String userKey) {
        return isOwner(userKey) || controls.moderators().containsKey(userKey);
    }

    public boolean isBanned(String userKey) {
        return controls.banned().containsKey(userKey);
    }

    /** The room under a new name, with all it has. */
    public Room withName(String newName) {
        return new Room(newName, isPrivate, owner, members, invited, controls);
    }

    public Room withControls(RoomControls changed) {
        return new Room(name, isPrivate, owner, members, invited, changed);
    }

    /** Whether the user may know the room exists: it is public, or the user is a member or invited. */
    public boolean isVisibleTo(String userKey) {
        return !isPrivate || isMember(userKey) || invited.containsKey(userKey);
    }

    public List<String> memberNames() {
        return new ArrayList<>(members.values());
    }

    /** The user joins; an invitation it had is used up. */
    public Room withMember(String username) {
        Map<String, String> more = new LinkedHashMap<>(members);
        more.put(Names.key(username), username);
        return new Room(name, isPrivate, owner, more, without(invited, Names.key(username)), controls);
    }

    public Room withoutMember(String userKey) {
        return new Room(name, isPrivate, owner, without(members, userKey), without(invited, userKey), controls);
    }

    public Room withInvitation(String invitee, String inviter) {
        Map<String, String> more = new LinkedHashMap<>(invited);
        more.put(Names.key(invitee), inviter);
        return new Room(name, isPrivate, owner, members, more, controls);
    }

    public Room withoutInvitation(String userKey) {
        return new Room(name, isPrivate, owner, members, without(invited, userKey), controls);
    }

    private static Map<String, String> without(Map<String, String> names, String userKey) {
        Map<String, String> fewer = new LinkedHashMap<>(names);
        fewer.remove(userKey);
        return fewer;
    }
}

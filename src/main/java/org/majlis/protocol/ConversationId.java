package org.majlis.protocol;

import org.majlis.names.Names;

/**
 * A conversation: a room, or the direct conversation of two users. The key is what the store
 * keeps: {@code r:<room key>} or {@code d:<user key>/<user key>} with the two keys sorted.
 */
public record ConversationId(String key, String room, String userA, String userB) {

    public static final ConversationId GENERAL = room("general");

    public static ConversationId room(String room) {
        return new ConversationId("r:" + Names.key(room), room, null, null);
    }

    public static ConversationId direct(String one, String other) {
        String a = Names.key(one);
        String b = Names.key(other);
        return a.compareTo(b) <= 0 ? new ConversationId("d:" + a + "/" + b, null, one, other)
                : new ConversationId("d:" + b + "/" + a, null, other, one);
    }

    /** Whether a stored key ({@code d:<key>/<key>}) is of a direct conversation of the user with that name key. */
    public static boolean isDirectKeyOf(String conversationKey, String userKey) {
        return conversationKey.startsWith("d:" + userKey + "/") || conversationKey.startsWith("d:") && conversationKey.endsWith("/" + userKey);
    }

    public boolean isRoom() {
        return room != null;
    }

    /** For a direct conversation, the participant who is not the given user. */
    public String partnerOf(String userKey) {
        return Names.key(userA).equals(userKey) ? userB : userA;
    }

    /**
     * The {@code to} of an event that {@code actor} caused in this conversation: the partner in a
     * direct conversation, null for a room.
     */
    public String to(String actor) {
        return isRoom() ? null : partnerOf(Names.key(actor));
    }
}

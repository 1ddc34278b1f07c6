package org.majlis.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.rooms.Room;

/**
 * An event on its way to the other nodes: who sent it and its target (the event's JSON follows it
 * on the wire, as is: {@link RedisFanOut}); or a room as it is now; or connections to close. Field names are short: every
 * event of the cluster crosses Redis with one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@io.quarkus.runtime.annotations.RegisterForReflection
record Envelope(String node, String kind, String key, String room, String a, String b, String except, List<String> users,
        Boolean isPrivate, Long seq, Map<String, String> invited, Integer code) {

    static Envelope of(String node, Target target) {
        return switch (target) {
            case Target.Everyone everyone -> new Envelope(node, "all", null, null, null, null, null, null, null, null, null, null);
            case Target.Users users -> new Envelope(node, "users", null, null, null, null, null, users.names(), null, null, null, null);
            case Target.Audience audience -> new Envelope(node, "audience", null, null, audience.name(), null, null, null, null,
                    null, null, null);
            case Target.Conversation c -> new Envelope(node, "conversation", c.conversation().key(), c.conversation().room(),
                    c.conversation().userA(), c.conversation().userB(), c.except(), null, null, c.seq() == 0 ? null : c.seq(), null,
                    null);
        };
    }

    /** A room as it is now: {@code a} is its owner, {@code users} its members, {@code invited} its pending invitations. */
    static Envelope ofRoom(String node, Room room) {
        return new Envelope(node, ROOM, null, room.name(), room.owner(), null, null, room.memberNames(), room.isPrivate(), null,
                room.invited(), null);
    }

    /**
     * Connections to close: {@code a} is the user, {@code key} the login session, {@code except}
     * the reason; the kind says which of the user's connections.
     */
    static Envelope ofDisconnect(String node, Disconnect disconnect) {
        return new Envelope(node, DISCONNECT + disconnect.which().name(), disconnect.session(), null, disconnect.user(), null,
                disconnect.reason(), null, null, null, null, disconnect.code());
    }

    boolean describesDisconnect() {
        return kind.startsWith(DISCONNECT);
    }

    Disconnect toDisconnect() {
        return new Disconnect(a, Disconnect.Which.valueOf(kind.substring(DISCONNECT.length())), key, code, except);
    }

    boolean describesRoom() {
        return ROOM.equals(kind);
    }

    Room toRoom() {
        Map<String, String> members = new LinkedHashMap<>();
        users.forEach(name -> members.put(Names.key(name), name));
        return new Room(room, Boolean.TRUE.equals(isPrivate), a, members, invited == null ? Map.of() : invited);
    }

    private static final String ROOM = "room";
    private static final String DISCONNECT = "disconnect:";

    Target target() {
        return switch (kind) {
            case "all" -> new Target.Everyone();
            case "users" -> new Target.Users(users);
            case "audience" -> new Target.Audience(a);
            case "conversation" -> new Target.Conversation(new ConversationId(key, room, a, b), except, seq == null ? 0 : seq);
            default -> throw new IllegalArgumentException("unknown target kind " + kind);
        };
    }
}

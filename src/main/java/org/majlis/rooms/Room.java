package org.majlis.rooms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.messages.ConversationId;
import org.majlis.names.Names;

/**
 * A room as the directory holds it: immutable, replaced on every change. {@code members} maps
 * each member's name key to the name. Everybody is a member of {@code general} without being
 * listed.
 */
public record Room(String name, boolean isPrivate, String owner, Map<String, String> members) {

    public static final Room GENERAL = new Room(ConversationId.GENERAL.room(), false, null, Map.of());

    public Room {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
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

    public boolean isMember(String userKey) {
        return isGeneral() || members.containsKey(userKey);
    }

    public List<String> memberNames() {
        return new ArrayList<>(members.values());
    }

    public Room withMember(String username) {
        Map<String, String> more = new LinkedHashMap<>(members);
        more.put(Names.key(username), username);
        return new Room(name, isPrivate, owner, more);
    }

    public Room withoutMember(String userKey) {
        Map<String, String> fewer = new LinkedHashMap<>(members);
        fewer.remove(userKey);
        return new Room(name, isPrivate, owner, fewer);
    }
}

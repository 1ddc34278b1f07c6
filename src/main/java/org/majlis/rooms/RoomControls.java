package org.majlis.rooms;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.majlis.names.Names;

/**
 * What the owner and moderators set in a room: its topic, whether only moderators may post, who
 * moderates it, who is banned from it and who is muted until when. Immutable, as {@link Room};
 * held by every node so that sends, joins and reads are checked without the database. Maps go
 * from a user's name key to the name (or, for mutes, to the end of the mute in epoch ms).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RoomControls(String topic, boolean readOnly, Map<String, String> moderators, Map<String, String> banned,
        Map<String, Long> mutedUntil) {

    public static final RoomControls NONE = new RoomControls(null, false, Map.of(), Map.of(), Map.of());

    public RoomControls {
        moderators = copy(moderators);
        banned = copy(banned);
        mutedUntil = copy(mutedUntil);
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public RoomControls withTopic(String newTopic) {
        return new RoomControls(newTopic, readOnly, moderators, banned, mutedUntil);
    }

    public RoomControls withReadOnly(boolean newReadOnly) {
        return new RoomControls(topic, newReadOnly, moderators, banned, mutedUntil);
    }

    public RoomControls withModerator(String username, boolean moderator) {
        return new RoomControls(topic, readOnly, changed(moderators, Names.key(username), moderator ? username : null), banned,
                mutedUntil);
    }

    public RoomControls withBan(String username, boolean ban) {
        return new RoomControls(topic, readOnly, changed(moderators, Names.key(username), null),
                changed(banned, Names.key(username), ban ? username : null), changed(mutedUntil, Names.key(username), null));
    }

    public RoomControls withMute(String userKey, Long until) {
        return new RoomControls(topic, readOnly, moderators, banned, changed(mutedUntil, userKey, until));
    }

    /** Whether the user is muted at the time; a mute that has run out counts no more. */
    public boolean isMuted(String userKey, long now) {
        Long until = mutedUntil.get(userKey);
        return until != null && until > now;
    }

    /** The map with the key set to the value, or removed for null. */
    private static <V> Map<String, V> changed(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new LinkedHashMap<>(map);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }
}

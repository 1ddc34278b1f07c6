package org.majlis.presence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.majlis.names.Names;
import org.majlis.protocol.ServerEvent.UserStatus;

/**
 * The users online, a page at a time, by name: those whose name starts with a prefix, after a
 * cursor. For {@code users} requests, so that a client of a large community finds people without
 * being sent all of them.
 */
@ApplicationScoped
public class OnlinePages {

    public record Page(List<UserStatus> users, String next) {
    }

    private final PresenceService presence;

    public OnlinePages(PresenceService presence) {
        this.presence = presence;
    }

    /**
     * Blocking in a cluster. The names are ordered by their key (names compare as keys), so a
     * prefix and a cursor match without regard to case; {@code next} is set when more follow.
     */
    public Page page(String prefix, String after, int limit) {
        String prefixKey = prefix == null ? "" : Names.key(prefix);
        String afterKey = after == null ? null : Names.key(after);
        TreeMap<String, UserStatus> matching = new TreeMap<>();
        for (UserStatus user : presence.snapshot()) {
            String key = Names.key(user.username());
            if (key.startsWith(prefixKey) && (afterKey == null || key.compareTo(afterKey) > 0)) {
                matching.put(key, user);
                if (matching.size() > limit + 1) {
                    matching.pollLastEntry(); // keeps one more than the page, to know whether more follow
                }
            }
        }
        List<UserStatus> users = new ArrayList<>(limit);
        for (Map.Entry<String, UserStatus> entry : matching.entrySet()) {
            if (users.size() == limit) {
                return new Page(users, users.getLast().username());
            }
            users.add(entry.getValue());
        }
        return new Page(users, null);
    }
}

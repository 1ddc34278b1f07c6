package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.messages.PrivateHistory;
import org.majlis.rooms.RoomHandler;

/**
 * A name passes to someone new (a new guest takes a free guest name, or an account registers a
 * name a guest had): whatever the former holder had to itself is removed first, its room
 * memberships and its direct conversations, so that the newcomer inherits none of it. Blocking.
 */
@ApplicationScoped
public class FormerHolder {

    private final RoomHandler rooms;
    private final PrivateHistory history;

    public FormerHolder(RoomHandler rooms, PrivateHistory history) {
        this.rooms = rooms;
        this.history = history;
    }

    public void forget(String userKey) {
        rooms.forgetMemberships(userKey);
        history.forget(userKey);
    }
}

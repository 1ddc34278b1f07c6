package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.majlis.auth.NameTaken;
import org.majlis.messages.PrivateHistory;

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

    /** An account took the name (its registration runs on a worker thread, so may this). */
    void accountRegistered(@Observes NameTaken taken) {
        forget(taken.userKey());
    }

    public void forget(String userKey) {
        rooms.forgetMemberships(userKey);
        history.forget(userKey);
    }
}

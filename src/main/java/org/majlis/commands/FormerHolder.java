package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.majlis.auth.AccountDeleted;
import org.majlis.auth.NameTaken;
import org.majlis.cluster.FanOut;
import org.majlis.messages.PrivateHistory;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/**
 * A name passes to someone new (a new guest takes a free guest name, or an account registers a
 * name a guest had): whatever the former holder had to itself is removed first, its room
 * memberships and its direct conversations, so that the newcomer inherits none of it. Blocking.
 */
@ApplicationScoped
public class FormerHolder {

    private final RoomDirectory directory;
    private final RoomStore rooms;
    private final FanOut fanOut;
    private final PrivateHistory history;

    public FormerHolder(RoomDirectory directory, RoomStore rooms, FanOut fanOut, PrivateHistory history) {
        this.directory = directory;
        this.rooms = rooms;
        this.fanOut = fanOut;
        this.history = history;
    }

    /** An account took the name (its registration runs on a worker thread, so may this). */
    void accountRegistered(@Observes NameTaken taken) {
        forget(taken.userKey());
    }

    /** A deleted account leaves its rooms at once; its direct conversations stay for its partners until the name passes on. */
    void accountDeleted(@Observes AccountDeleted deleted) {
        leaveRooms(deleted.userKey());
    }

    public void forget(String userKey) {
        leaveRooms(userKey);
        history.forget(userKey);
    }

    private void leaveRooms(String userKey) {
        if (directory.isMemberOfAny(userKey)) { // most new guests are not: no database work for them
            rooms.removeFromAll(userKey);
            directory.removeFromAll(userKey).forEach(fanOut::roomChanged);
        }
    }
}

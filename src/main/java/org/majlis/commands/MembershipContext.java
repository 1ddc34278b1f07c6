package org.majlis.commands;

import jakarta.inject.Singleton;
import java.util.function.UnaryOperator;
import org.majlis.cluster.FanOut;
import org.majlis.connections.Offload;
import org.majlis.connections.UserRegistry;
import org.majlis.limits.Limits;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/**
 * What the commands that change a room's members share (create, invite, join, leave, decline): the
 * rooms as this node knows them and as stored, the fan-out that tells every node, the store's work
 * off the event loop, the limits and the acks.
 */
@Singleton // not proxied: the commands read its fields
public class MembershipContext {

    final RoomDirectory directory;
    final RoomStore store;
    final FanOut fanOut;
    final UserRegistry registry;
    final Offload offload;
    final Limits limits;

    public MembershipContext(RoomDirectory directory, RoomStore store, FanOut fanOut, UserRegistry registry, Offload offload,
            Limits limits) {
        this.directory = directory;
        this.store = store;
        this.fanOut = fanOut;
        this.registry = registry;
        this.offload = offload;
        this.limits = limits;
    }

    /** Changes the room in this node's directory and every other node's; returns the room as it is now. */
    Room changeRoom(Room room, UnaryOperator<Room> change) {
        Room after = directory.update(room, change);
        fanOut.roomChanged(after);
        return after;
    }
}

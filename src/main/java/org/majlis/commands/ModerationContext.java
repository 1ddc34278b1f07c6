package org.majlis.commands;

import jakarta.inject.Singleton;
import java.util.function.UnaryOperator;
import org.majlis.cluster.FanOut;
import org.majlis.connections.Offload;
import org.majlis.connections.UserRegistry;
import org.majlis.moderation.AuditLog;
import org.majlis.moderation.Moderators;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomControls;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/**
 * What the moderation commands share: the rooms, who moderates them, the audit log, and the way a
 * change of a room's controls reaches every node.
 */
@Singleton // not proxied: the commands read its fields
public class ModerationContext {

    final RoomDirectory directory;
    final RoomStore store;
    final Moderators moderators;
    final AuditLog audit;
    final FanOut fanOut;
    final UserRegistry registry;
    final Offload offload;
    final RoomRequests requests;
    private final MembershipContext membership;

    public ModerationContext(RoomDirectory directory, RoomStore store, Moderators moderators, AuditLog audit, FanOut fanOut,
            UserRegistry registry, Offload offload, RoomRequests requests, MembershipContext membership) {
        this.directory = directory;
        this.store = store;
        this.moderators = moderators;
        this.audit = audit;
        this.fanOut = fanOut;
        this.registry = registry;
        this.offload = offload;
        this.requests = requests;
        this.membership = membership;
    }

    /** Changes the room's controls in this node's directory and every other node's; returns the room as it is now. */
    Room changeControls(Room room, UnaryOperator<RoomControls> change) {
        return changeRoom(room, current -> current.withControls(change.apply(current.controls())));
    }

    /** Changes the room in this node's directory and every other node's; returns the room as it is now. */
    Room changeRoom(Room room, UnaryOperator<Room> change) {
        return membership.changeRoom(room, change);
    }
}

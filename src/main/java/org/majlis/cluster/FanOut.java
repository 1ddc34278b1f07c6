package org.majlis.cluster;

import org.majlis.protocol.ServerEvent;
import org.majlis.rooms.Room;

/**
 * Sends events to their recipients wherever they are connected: on this node only
 * ({@link LocalFanOut}), or on every node through Redis pub/sub ({@link RedisFanOut}). Either way
 * the event is encoded once per node, not once per recipient.
 */
public interface FanOut {

    void send(Target target, ServerEvent event);

    /** A room was created or its members changed here: the other nodes' directories take it as it is now. */
    void roomChanged(Room room);

    /** Closes the connections on every node (sessions revoked, an account deleted or disabled). */
    void disconnect(Disconnect disconnect);
}

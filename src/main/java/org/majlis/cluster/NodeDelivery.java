package org.majlis.cluster;

import org.majlis.connections.Frame;
import org.majlis.rooms.Room;

/** What a fan-out hands to the node it runs on: frames for this node's connections, rooms other nodes changed, connections to close. */
interface NodeDelivery {

    /** Writes the frame to the target's connections on this node; the frame is released. */
    void deliver(Target target, Frame frame);

    /** A room as another node changed it. */
    void roomChanged(Room room);

    /** Closes the connections of this node that the disconnect names. */
    void disconnect(Disconnect disconnect);
}

package org.majlis.cluster;

import org.majlis.connections.Frames;
import org.majlis.protocol.ServerEvent;
import org.majlis.rooms.Room;

/** The embedded default: every recipient is on this node. */
public class LocalFanOut implements FanOut {

    private final NodeDelivery local;
    private final Frames frames;

    LocalFanOut(NodeDelivery local, Frames frames) {
        this.local = local;
        this.frames = frames;
    }

    @Override
    public void send(Target target, ServerEvent event) {
        local.deliver(target, frames.encode(event));
    }

    @Override
    public void roomChanged(Room room) {
        // the directory of this node, the only one, has it already
    }

    @Override
    public void disconnect(Disconnect disconnect) {
        local.disconnect(disconnect);
    }
}

package org.majlis.connections;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.config.MajlisConfig;
import org.majlis.protocol.CloseCodes;

/**
 * Whether this node is stopping. Work that ends after the stop began (a login still queued for a
 * worker thread) closes its connection with 1012, which clients retry on, instead of failing with
 * an error; the close reason tells clients over how long to spread their reconnects.
 */
@ApplicationScoped
public class NodeStopping {

    private final String reason;
    private volatile boolean stopping;

    public NodeStopping(MajlisConfig config) {
        this.reason = "server restarting: reconnect within " + Math.max(1, config.reconnectWindow().toSeconds()) + " s";
    }

    public void begin() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    /** Closes the connection as the stop does: 1012, with the reconnect window in the reason. */
    public void close(Session session) {
        session.close(CloseCodes.RESTARTING, reason);
    }

    /** The reason of a 1012 close, {@code server restarting: reconnect within <seconds> s}. */
    public String reason() {
        return reason;
    }
}

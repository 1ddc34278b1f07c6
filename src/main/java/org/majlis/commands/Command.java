package org.majlis.commands;

import org.majlis.connections.Session;
import org.majlis.protocol.ClientEvent;

/**
 * The handler of one client event type. {@link CommandPipeline} finds it by {@link #event()},
 * checks {@link #needsLogin()} and charges {@link #cost()} before {@link #handle} runs, and turns
 * a {@link org.majlis.protocol.ProtocolException} thrown here into an {@code error} with the
 * request's {@code ref}. Runs on the connection's event loop: blocking work goes through
 * {@link org.majlis.connections.Offload}. A request with an {@code id} gets exactly one answer:
 * {@code ack}, a reply carrying {@code ref}, or {@code error}.
 */
public interface Command<E extends ClientEvent> {

    /** What a request costs against the limits, charged before it is handled, valid or not. */
    enum Cost {
        FREE,
        /**
         * One token of the sender's message bucket on this node. In a cluster the same limit is
         * also counted across the nodes where the request is stored (the message writer's batch,
         * or the handler's blocking step).
         */
        MESSAGE,
        /** One token of the client address's login bucket. */
        LOGIN
    }

    Class<E> event();

    default boolean needsLogin() {
        return true;
    }

    default Cost cost() {
        return Cost.FREE;
    }

    /** The cost of this request; {@link #cost()} unless it depends on the request. */
    default Cost cost(E event) {
        return cost();
    }

    void handle(Session session, E event);
}

package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Session;
import org.majlis.connections.Status;
import org.majlis.connections.UserRegistry;
import org.majlis.presence.PresenceService;
import org.majlis.protocol.ClientEvent.SetStatus;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** {@code status}: the user's chosen presence, told to everyone by {@code presence}; acknowledged. */
@ApplicationScoped
public class SetStatusHandler implements Command<SetStatus> {

    private final PresenceService presence;
    private final UserRegistry registry;

    public SetStatusHandler(PresenceService presence, UserRegistry registry) {
        this.presence = presence;
        this.registry = registry;
    }

    @Override
    public Class<SetStatus> event() {
        return SetStatus.class;
    }

    @Override
    public void handle(Session session, SetStatus event) {
        Status status = event.payload() == null ? null : Status.chosen(event.payload().status());
        if (status == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "status is online, away or busy");
        }
        presence.setStatus(session.requireUser(), status);
        registry.acknowledge(session, event.id());
    }
}

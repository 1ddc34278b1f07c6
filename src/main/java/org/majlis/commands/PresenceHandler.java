package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.Status;
import org.majlis.connections.UserRegistry;
import org.majlis.presence.PresenceService;
import org.majlis.protocol.ClientEvent.StatusPayload;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Users;

/** {@code status} and {@code users}. */
@ApplicationScoped
public class PresenceHandler {

    private final PresenceService presence;
    private final UserRegistry registry;
    private final Offload offload;

    public PresenceHandler(PresenceService presence, UserRegistry registry, Offload offload) {
        this.presence = presence;
        this.registry = registry;
        this.offload = offload;
    }

    public void setStatus(Session session, StatusPayload payload) {
        OnlineUser user = session.requireUser();
        Status status = payload == null ? null : Status.chosen(payload.status());
        if (status == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "status is online, away or busy");
        }
        presence.setStatus(user, status);
    }

    public void users(Session session, String ref) {
        session.requireUser();
        offload.run(session, ref, "listing users", () -> new Users(ref, presence.snapshot()), users -> registry.reply(session, users));
    }
}

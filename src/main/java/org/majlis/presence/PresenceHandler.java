package org.majlis.presence;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.ws.ClientEvent.StatusPayload;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent.Users;
import org.majlis.ws.Session;

/** {@code status} and {@code users}. */
@ApplicationScoped
public class PresenceHandler {

    private final PresenceService presence;
    private final UserRegistry registry;

    public PresenceHandler(PresenceService presence, UserRegistry registry) {
        this.presence = presence;
        this.registry = registry;
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
        registry.reply(session, new Users(ref, presence.snapshot()));
    }
}

package org.majlis.presence;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.ws.ClientEvent.StatusPayload;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.Offload;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent.Users;
import org.majlis.ws.Session;

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

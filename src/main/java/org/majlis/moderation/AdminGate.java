package org.majlis.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.majlis.auth.Admins;
import org.majlis.auth.Identity;
import org.majlis.auth.SessionResource;
import org.majlis.auth.Sessions;
import org.majlis.http.JsonErrors;
import org.majlis.protocol.ProtocolException;

/** The door of the administration REST API: an administrator's bearer token or {@code 401}/{@code 403}. Blocking. */
@ApplicationScoped
public class AdminGate {

    private final Sessions sessions;
    private final Admins admins;

    public AdminGate(Sessions sessions, Admins admins) {
        this.sessions = sessions;
        this.admins = admins;
    }

    /** Runs the action as the administrator the token speaks for; a refusal of the request becomes {@code 400}. */
    public Response asAdmin(String authorization, Function<String, Response> action) {
        Identity identity = sessions.verifyBearer(authorization);
        if (identity == null) {
            return SessionResource.unauthorized();
        }
        if (!admins.isAdmin(identity.username(), identity.guest())) {
            return JsonErrors.response(Response.Status.FORBIDDEN, "forbidden", "for server administrators only");
        }
        try {
            return action.apply(identity.username());
        } catch (ProtocolException refused) {
            return JsonErrors.response(Response.Status.BAD_REQUEST, refused.code().wire(), refused.getMessage());
        }
    }
}

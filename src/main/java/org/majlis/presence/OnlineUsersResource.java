package org.majlis.presence;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.majlis.auth.SessionResource;
import org.majlis.auth.Sessions;

/** {@code GET /api/users/online}: the same list as the {@code users} event, for a valid token. */
@Path("/api/users/online")
public class OnlineUsersResource {

    private final PresenceService presence;
    private final Sessions sessions;

    public OnlineUsersResource(PresenceService presence, Sessions sessions) {
        this.presence = presence;
        this.sessions = sessions;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response online(@HeaderParam("Authorization") String authorization) {
        if (sessions.verifyBearer(authorization) == null) {
            return SessionResource.unauthorized();
        }
        return Response.ok(Map.of("users", presence.snapshot())).build();
    }
}

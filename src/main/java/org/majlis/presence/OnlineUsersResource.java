package org.majlis.presence;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.majlis.auth.TokenService;

/** {@code GET /api/users/online}: the same list as the {@code users} event, for a valid token. */
@Path("/api/users/online")
public class OnlineUsersResource {

    private final PresenceService presence;
    private final TokenService tokens;

    public OnlineUsersResource(PresenceService presence, TokenService tokens) {
        this.presence = presence;
        this.tokens = tokens;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response online(@HeaderParam("Authorization") String authorization) {
        if (tokens.verifyBearer(authorization) == null) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Map.of("code", "auth_failed", "message", "a valid bearer token is required")).build();
        }
        return Response.ok(Map.of("users", presence.snapshot())).build();
    }
}

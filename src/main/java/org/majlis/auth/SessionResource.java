package org.majlis.auth;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.majlis.connections.UserRegistry;
import org.majlis.protocol.CloseCodes;

/**
 * Logging out over REST, with the session's bearer token: {@code DELETE /api/sessions/current}
 * ends that session, {@code DELETE /api/sessions} every session of the user ("sign out
 * everywhere"). Tokens of an ended session stop working on every node at once; this node's
 * connections of it are closed with 1000.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final Sessions sessions;
    private final UserRegistry registry;

    public SessionResource(Sessions sessions, UserRegistry registry) {
        this.sessions = sessions;
        this.registry = registry;
    }

    @DELETE
    @Path("current")
    @Blocking
    public Response logout(@HeaderParam("Authorization") String authorization) {
        Identity identity = sessions.verifyBearer(authorization);
        if (identity == null) {
            return unauthorized();
        }
        sessions.end(identity.sessionId());
        closeConnections(identity.username(), identity.sessionId(), "logged out");
        return Response.noContent().build();
    }

    @DELETE
    @Blocking
    public Response logoutEverywhere(@HeaderParam("Authorization") String authorization) {
        Identity identity = sessions.verifyBearer(authorization);
        if (identity == null) {
            return unauthorized();
        }
        int ended = sessions.endAll(identity.username());
        closeConnections(identity.username(), null, "signed out everywhere");
        return Response.ok(Map.of("ended", ended)).build();
    }

    private void closeConnections(String name, String sessionId, String reason) {
        registry.close(name, sessionId, CloseCodes.NORMAL, reason);
    }

    /** The answer to a request without a valid bearer token of a live session. */
    public static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .entity(Map.of("code", "auth_failed", "message", "a valid bearer token is required")).build();
    }
}

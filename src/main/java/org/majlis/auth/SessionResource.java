package org.majlis.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.majlis.protocol.CloseCodes;

/**
 * A user's login sessions over REST, with a session's bearer token: {@code GET /api/sessions}
 * lists the live ones, {@code DELETE /api/sessions/current} ends the caller's,
 * {@code DELETE /api/sessions/{id}} another one, {@code DELETE /api/sessions} all of them ("sign
 * out everywhere"). Tokens of an ended session stop working on every node at once, and its
 * connections are closed with 1000 on every node.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** A live session as listed; times in ISO-8601 UTC. */
    @RegisterForReflection
    public record SessionView(String id, boolean current, boolean guest, String createdAt, String lastUsedAt, String expiresAt) {
    }

    @RegisterForReflection
    public record SessionList(List<SessionView> sessions) {
    }

    private final Sessions sessions;

    public SessionResource(Sessions sessions) {
        this.sessions = sessions;
    }

    @GET
    @Blocking
    public Response list(@HeaderParam("Authorization") String authorization) {
        Identity identity = sessions.verifyBearer(authorization);
        if (identity == null) {
            return unauthorized();
        }
        List<SessionView> live = sessions.liveOf(identity.username()).stream()
                .map(s -> new SessionView(s.id(), s.id().equals(identity.sessionId()), s.guest(), iso(s.createdAt()),
                        iso(s.lastUsedAt()), iso(s.expiresAt())))
                .toList();
        return Response.ok(new SessionList(live)).build();
    }

    @DELETE
    @Path("current")
    @Blocking
    public Response logout(@HeaderParam("Authorization") String authorization) {
        Identity identity = sessions.verifyBearer(authorization);
        if (identity == null) {
            return unauthorized();
        }
        sessions.end(identity.username(), identity.sessionId());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @Blocking
    public Response revoke(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        Identity identity = sessions.verifyBearer(authorization);
        if (identity == null) {
            return unauthorized();
        }
        if (!sessions.endOne(identity.username(), id)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(Map.of("code", "not_found", "message", "no live session of yours has that id")).build();
        }
        return Response.noContent().build();
    }

    @DELETE
    @Blocking
    public Response logoutEverywhere(@HeaderParam("Authorization") String authorization) {
        Identity identity = sessions.verifyBearer(authorization);
        if (identity == null) {
            return unauthorized();
        }
        int ended = sessions.endAll(identity.username(), CloseCodes.NORMAL, "signed out everywhere");
        return Response.ok(Map.of("ended", ended)).build();
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** The answer to a request without a valid bearer token of a live session. */
    public static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .entity(Map.of("code", "auth_failed", "message", "a valid bearer token is required")).build();
    }
}

package org.majlis.profiles;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.majlis.auth.SessionResource;
import org.majlis.auth.Sessions;
import org.majlis.files.ContentTypes;
import org.majlis.http.JsonErrors;
import org.majlis.names.Names;
import org.majlis.protocol.ServerEvent.ProfileChanged;

/**
 * Anyone's profile: {@code GET /api/users/{name}/profile} for a valid token, and the avatar at
 * {@code GET /api/users/{name}/avatar}, without a token so that an {@code <img>} shows it. The
 * avatar's URL carries its version ({@code ?v=}): asked with the current one it may be cached a
 * day, as files are; otherwise the browser revalidates with its ETag each time. Requests in
 * flight per address are bounded for every path by {@code http/InFlightRequests}.
 */
@Path("/api/users/{name}")
public class UserProfileResource {

    private static final String CACHED = "private, max-age=86400";
    private static final String REVALIDATED = "private, no-cache";

    private final Profiles profiles;
    private final Sessions sessions;

    public UserProfileResource(Profiles profiles, Sessions sessions) {
        this.profiles = profiles;
        this.sessions = sessions;
    }

    @GET
    @Path("/profile")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response profile(@PathParam("name") String name, @HeaderParam("Authorization") String authorization) {
        if (sessions.verifyBearer(authorization) == null) {
            return SessionResource.unauthorized();
        }
        ProfileChanged profile = Names.normalize(name) == null ? null : profiles.find(name);
        if (profile == null) {
            return JsonErrors.response(Response.Status.NOT_FOUND, "not_found", "no account has that name");
        }
        return Response.ok(profile).build();
    }

    @GET
    @Path("/avatar")
    @Blocking
    public Response avatar(@PathParam("name") String name, @QueryParam("v") String version,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        ProfileStore.Avatar avatar = Names.normalize(name) == null ? null : profiles.avatar(name);
        if (avatar == null) {
            return JsonErrors.response(Response.Status.NOT_FOUND, "not_found", "no avatar");
        }
        String etag = '"' + avatar.version() + '"';
        String cacheControl = avatar.version().equals(version) ? CACHED : REVALIDATED;
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", cacheControl).build();
        }
        return Response.ok(avatar.png(), ContentTypes.PNG).header("ETag", etag).header("Cache-Control", cacheControl)
                .header("Content-Disposition", "inline").build();
    }
}

package org.majlis.profiles;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import org.majlis.auth.Identity;
import org.majlis.auth.SessionResource;
import org.majlis.auth.Sessions;
import org.majlis.http.JsonErrors;
import org.majlis.limits.Limits;
import org.majlis.names.DisplayText;
import org.majlis.protocol.ProtocolException;

/**
 * One's own profile, with a bearer token of an account: {@code PUT /api/profile} (display name
 * and status text), {@code PUT} and {@code DELETE /api/profile/avatar}. Guests have none: a guest's
 * name is free to take once it leaves, so a profile would pass to whoever takes the name next.
 * Each change counts as a message against the sender's rate limit. On worker threads.
 */
@Path("/api/profile")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    /** The largest picture taken, before it is made into an avatar. */
    static final int MAX_UPLOAD = 2 * 1024 * 1024;
    /** Pictures decoded at once on this node: decoding is CPU and memory, not to be stacked up. */
    private static final Semaphore DECODING = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    public record TextChange(String displayName, String statusText) {
    }

    private final Profiles profiles;
    private final Sessions sessions;
    private final Limits limits;

    public ProfileResource(Profiles profiles, Sessions sessions, Limits limits) {
        this.profiles = profiles;
        this.sessions = sessions;
        this.limits = limits;
    }

    @PUT
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setText(TextChange change, @HeaderParam("Authorization") String authorization) {
        return asAccount(authorization, name -> {
            TextChange given = change == null ? new TextChange(null, null) : change;
            try {
                return Response.ok(profiles.setText(name, given.displayName(), given.statusText())).build();
            } catch (DisplayText.Refused refused) {
                return JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload", refused.getMessage());
            }
        });
    }

    @PUT
    @Path("/avatar")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response setAvatar(InputStream body, @HeaderParam("Authorization") String authorization) {
        return asAccount(authorization, name -> {
            byte[] upload;
            try {
                upload = body.readNBytes(MAX_UPLOAD + 1);
            } catch (IOException e) {
                return JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload", "the body could not be read");
            }
            if (upload.length > MAX_UPLOAD) {
                return JsonErrors.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large", "an avatar upload is at most " + MAX_UPLOAD
                        + " bytes");
            }
            if (!DECODING.tryAcquire()) {
                return JsonErrors.response(Response.Status.TOO_MANY_REQUESTS, "rate_limited", "too many avatars at once, try again");
            }
            try {
                return Response.ok(profiles.setAvatar(name, upload)).build();
            } catch (AvatarImages.Unusable unusable) {
                return unusable.tooLarge() ? JsonErrors.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large", unusable.getMessage())
                        : JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload", unusable.getMessage());
            } finally {
                DECODING.release();
            }
        });
    }

    @DELETE
    @Path("/avatar")
    @Blocking
    public Response removeAvatar(@HeaderParam("Authorization") String authorization) {
        return asAccount(authorization, name -> Response.ok(profiles.removeAvatar(name)).build());
    }

    private interface Change {
        Response apply(String name);
    }

    /** The change made for the token's account: 401 without a live session, 403 for a guest, 429 over the rate. */
    private Response asAccount(String authorization, Change change) {
        Identity identity = sessions.verifyBearer(authorization);
        if (identity == null) {
            return SessionResource.unauthorized();
        }
        if (identity.guest()) {
            return JsonErrors.response(Response.Status.FORBIDDEN, "forbidden", "guests have no profile: a guest's name passes to others");
        }
        try {
            limits.message(identity.username(), false);
        } catch (ProtocolException refused) {
            long retryAfterMs = refused.retryAfterMs() == null ? 1000 : refused.retryAfterMs();
            return JsonErrors.tooManyRequests(retryAfterMs, refused.getMessage());
        }
        return change.apply(identity.username());
    }
}

package org.majlis.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.majlis.limits.ClientAddress;
import org.majlis.limits.Limits;
import org.majlis.names.Names;

/** Accounts over REST: register, and log in for a token. Runs on worker threads (bcrypt, JDBC). */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record Credentials(String username, String password) {
    }

    public record TokenResponse(String token, String expiresAt, String username) {
    }

    private final Accounts accounts;
    private final Sessions sessions;
    private final Limits limits;

    public AuthResource(Accounts accounts, Sessions sessions, Limits limits) {
        this.accounts = accounts;
        this.limits = limits;
        this.sessions = sessions;
    }

    @POST
    @Path("/register")
    public Response register(Credentials credentials) {
        Credentials given = credentials == null ? new Credentials(null, null) : credentials;
        return switch (accounts.register(given.username(), given.password())) {
            case CREATED -> Response.status(Response.Status.CREATED)
                    .entity(Map.of("username", Names.normalizeUsername(given.username()))).build();
            case TAKEN -> error(Response.Status.CONFLICT, "username_taken", "that name is taken");
            case INVALID_NAME -> error(Response.Status.BAD_REQUEST, "username_invalid", "invalid username");
            case WEAK_PASSWORD -> error(Response.Status.BAD_REQUEST, "invalid_payload",
                    "a password has " + Accounts.MIN_PASSWORD + " to " + Accounts.MAX_PASSWORD + " characters");
        };
    }

    @POST
    @Path("/login")
    public Response login(Credentials credentials, @Context HttpServerRequest request) {
        long retryAfter = limits.login(ClientAddress.of(request));
        if (retryAfter > 0) {
            return Response.status(Response.Status.TOO_MANY_REQUESTS).header("Retry-After", (retryAfter + 999) / 1000)
                    .entity(Map.of("code", "rate_limited", "message", "too many login attempts", "retryAfterMs", retryAfter))
                    .build();
        }
        String name = credentials == null ? null : accounts.authenticate(credentials.username(), credentials.password());
        if (name == null) {
            return error(Response.Status.UNAUTHORIZED, "auth_failed", "invalid username or password");
        }
        IssuedToken token = sessions.startAccount(name);
        return Response.ok(new TokenResponse(token.token(), token.expiresAt().toString(), name)).build();
    }

    static Response error(Response.Status status, String code, String message) {
        return Response.status(status).entity(Map.of("code", code, "message", message)).build();
    }
}

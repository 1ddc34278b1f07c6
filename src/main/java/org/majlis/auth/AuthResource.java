package org.majlis.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Function;
import org.majlis.http.JsonErrors;
import org.majlis.limits.AccountLoginLimit;
import org.majlis.limits.ClientAddress;
import org.majlis.limits.Limits;
import org.majlis.limits.ServerPolicy;
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

    public record PasswordChangeRequest(String password, String newPassword) {
    }

    public record AccountDeletionRequest(String password) {
    }

    private final Accounts accounts;
    private final Sessions sessions;
    private final Limits limits;
    private final AccountLoginLimit accountLogins;
    private final ServerPolicy policy;

    public AuthResource(Accounts accounts, Sessions sessions, Limits limits, AccountLoginLimit accountLogins, ServerPolicy policy) {
        this.policy = policy;
        this.accounts = accounts;
        this.limits = limits;
        this.sessions = sessions;
        this.accountLogins = accountLogins;
    }

    @POST
    @Path("/register")
    public Response register(Credentials credentials, @Context HttpServerRequest request) {
        if (!policy.registrationOpen()) {
            return JsonErrors.response(Response.Status.FORBIDDEN, "forbidden", "registration is closed on this server");
        }
        if (policy.addressBanned(ClientAddress.of(request))) {
            return banned();
        }
        long retryAfter = limits.registration(ClientAddress.of(request));
        if (retryAfter > 0) {
            return JsonErrors.tooManyRequests(retryAfter, "too many registrations from your address");
        }
        Credentials given = credentials == null ? new Credentials(null, null) : credentials;
        return switch (accounts.register(given.username(), given.password())) {
            case CREATED -> Response.status(Response.Status.CREATED)
                    .entity(Map.of("username", Names.normalizeUsername(given.username()))).build();
            case TAKEN -> JsonErrors.response(Response.Status.CONFLICT, "username_taken", "that name, or one that looks like it, is taken");
            case INVALID_NAME -> JsonErrors.response(Response.Status.BAD_REQUEST, "username_invalid", "invalid username");
            case PASSWORD_TOO_SHORT -> JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload",
                    "a password has at least " + Passwords.MIN_CHARACTERS + " characters");
            case PASSWORD_TOO_LONG -> JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload",
                    "a password has at most " + Passwords.MAX_BYTES + " bytes in UTF-8");
        };
    }

    @POST
    @Path("/login")
    public Response login(Credentials credentials, @Context HttpServerRequest request) {
        String address = ClientAddress.of(request);
        if (policy.addressBanned(address)) {
            return banned();
        }
        long retryAfter = limits.login(address);
        if (retryAfter > 0) {
            return JsonErrors.tooManyRequests(retryAfter, "too many login attempts");
        }
        Credentials given = credentials == null ? new Credentials(null, null) : credentials;
        retryAfter = accountLogins.attempt(given.username(), address);
        if (retryAfter > 0) {
            return JsonErrors.tooManyRequests(retryAfter, "too many login attempts for this account");
        }
        String name = accounts.authenticate(given.username(), given.password());
        if (name == null) {
            return JsonErrors.response(Response.Status.UNAUTHORIZED, "auth_failed", "invalid username or password");
        }
        accountLogins.succeeded(name, address);
        IssuedToken token = sessions.startAccount(name);
        return Response.ok(new TokenResponse(token.token(), token.expiresAt().toString(), name)).build();
    }

    /** An account's new password: the current one is required; the account's other sessions end, on every node. */
    @PUT
    @Path("/password")
    public Response changePassword(PasswordChangeRequest change, @HeaderParam("Authorization") String authorization,
            @Context HttpServerRequest request) {
        PasswordChangeRequest given = change == null ? new PasswordChangeRequest(null, null) : change;
        return withPassword(authorization, request, session -> switch (accounts.changePassword(session, given.password(),
                given.newPassword())) {
            case CHANGED -> Response.noContent().build();
            case WRONG_PASSWORD -> wrongPassword();
            case PASSWORD_TOO_SHORT -> JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload",
                    "a password has at least " + Passwords.MIN_CHARACTERS + " characters");
            case PASSWORD_TOO_LONG -> JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload",
                    "a password has at most " + Passwords.MAX_BYTES + " bytes in UTF-8");
        });
    }

    /** Deletes the caller's account, the password required; see {@link Accounts#delete}. */
    @DELETE
    @Path("/account")
    public Response deleteAccount(AccountDeletionRequest deletion, @HeaderParam("Authorization") String authorization,
            @Context HttpServerRequest request) {
        String password = deletion == null ? null : deletion.password();
        return withPassword(authorization, request, session -> switch (accounts.delete(session, password)) {
            case DELETED -> Response.noContent().build();
            case WRONG_PASSWORD -> wrongPassword();
        });
    }

    /**
     * Runs an action of an account's bearer that proves the current password: a wrong one counts
     * as a login attempt of the account (and is limited as those are).
     */
    private Response withPassword(String authorization, HttpServerRequest request, Function<Identity, Response> action) {
        Identity session = sessions.verifyBearer(authorization);
        if (session == null) {
            return SessionResource.unauthorized();
        }
        if (session.guest()) {
            return JsonErrors.response(Response.Status.FORBIDDEN, "forbidden", "guests have no password");
        }
        String address = ClientAddress.of(request);
        long retryAfter = accountLogins.attempt(session.username(), address);
        if (retryAfter > 0) {
            return JsonErrors.tooManyRequests(retryAfter, "too many login attempts for this account");
        }
        Response response = action.apply(session);
        if (response.getStatus() < 300) { // the password was right (a 400 comes before it is checked)
            accountLogins.succeeded(session.username(), address);
        }
        return response;
    }

    private static Response banned() {
        return JsonErrors.response(Response.Status.FORBIDDEN, "forbidden", "your address is banned from this server");
    }

    private static Response wrongPassword() {
        return JsonErrors.response(Response.Status.FORBIDDEN, "auth_failed", "the current password is wrong");
    }
}

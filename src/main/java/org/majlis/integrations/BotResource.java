package org.majlis.integrations;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import java.util.Map;
import org.majlis.auth.Accounts;
import org.majlis.auth.Admins;
import org.majlis.auth.Bots;
import org.majlis.auth.Identity;
import org.majlis.auth.IssuedToken;
import org.majlis.auth.SessionResource;
import org.majlis.auth.Sessions;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;
import org.majlis.protocol.CloseCodes;

/**
 * Bot accounts, for administrators: {@code POST /api/admin/bots} creates one and shows its
 * long-lived token once; {@code GET} lists them; {@code POST /api/admin/bots/{username}/token} replaces
 * its token (the earlier ones stop working); {@code DELETE /api/admin/bots/{username}} ends
 * its sessions (its tokens stop working on every node, its connections to this node close) and
 * its mark. Its name stays taken.
 */
@Path("/api/admin/bots")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class BotResource {

    @RegisterForReflection
    public record CreatedBot(String username, String token, String expiresAt) {
    }

    private final Accounts accounts;
    private final Bots bots;
    private final Sessions sessions;
    private final Admins admins;
    private final MajlisConfig config;

    public BotResource(Accounts accounts, Bots bots, Sessions sessions, Admins admins, MajlisConfig config) {
        this.accounts = accounts;
        this.bots = bots;
        this.sessions = sessions;
        this.admins = admins;
        this.config = config;
    }

    @POST
    public Response create(String body, @HeaderParam("Authorization") String authorization) {
        Identity admin = requireAdmin(authorization);
        String requested = JsonBody.parse(body).required("username");
        return switch (accounts.registerWithoutPassword(requested)) {
            case CREATED -> {
                String name = Names.normalizeUsername(requested);
                bots.mark(name, admin.username());
                yield Response.status(Status.CREATED).entity(issue(name)).build();
            }
            case TAKEN -> Refusal.of(Status.CONFLICT, "username_taken", "that name, or one that looks like it, is taken");
            default -> Refusal.of(Status.BAD_REQUEST, "username_invalid",
                    "1 to 32 letters, digits, _ - or ., starting with a letter or digit; not a reserved name");
        };
    }

    @GET
    public Response list(@HeaderParam("Authorization") String authorization) {
        requireAdmin(authorization);
        List<Bots.Bot> all = bots.list();
        return Response.ok(Map.of("bots", all)).build();
    }

    /** A new token for the bot; its earlier tokens stop working (a leaked token revoked) and its connections here close. */
    @POST
    @Path("{username}/token")
    public Response newToken(@PathParam("username") String username, @HeaderParam("Authorization") String authorization) {
        requireAdmin(authorization);
        String name = bots.find(username);
        if (name == null) {
            return noSuchBot();
        }
        signOut(name, "this bot's token was replaced");
        return Response.ok(issue(name)).build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username, @HeaderParam("Authorization") String authorization) {
        requireAdmin(authorization);
        String name = bots.find(username);
        if (name == null || !bots.unmark(name)) {
            return noSuchBot();
        }
        signOut(name, "this bot was deleted");
        return Response.noContent().build();
    }

    private CreatedBot issue(String name) {
        IssuedToken token = sessions.startBot(name, config.integrations().botTokenLifetime());
        return new CreatedBot(name, token.token(), token.expiresAt().toString());
    }

    /** Every session of the bot ends, and its connections close, on every node. */
    private void signOut(String name, String reason) {
        sessions.endAll(name, CloseCodes.POLICY, reason);
    }

    private static Response noSuchBot() {
        return Refusal.of(Status.NOT_FOUND, "not_found", "no such bot");
    }

    /** The administrator the bearer token speaks for; else throws 401 (no live session) or 403 (anyone else). */
    private Identity requireAdmin(String authorization) {
        Identity caller = sessions.verifyBearer(authorization);
        if (caller == null) {
            throw new WebApplicationException(SessionResource.unauthorized());
        }
        if (!admins.isAdmin(caller.username(), caller.guest())) {
            throw Refusal.thrown(Status.FORBIDDEN, "forbidden", "only an administrator manages bots");
        }
        return caller;
    }
}

package org.majlis.moderation;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.majlis.auth.Accounts;
import org.majlis.auth.Admins;
import org.majlis.http.JsonErrors;
import org.majlis.names.Names;

/**
 * Server administration over REST, for administrators' bearer tokens only ({@code 403}
 * otherwise): the administrators, disabling accounts, the audit log and reports. Every change is
 * written to the audit log. Blocking: worker threads.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class AdminResource {

    /** The body of actions that take a reason, or a resolution. */
    @RegisterForReflection
    public record Reason(String reason) {
    }

    @RegisterForReflection
    public record Resolution(String resolution) {
    }

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final AdminGate gate;
    private final Admins admins;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Reports reports;

    public AdminResource(AdminGate gate, Admins admins, Accounts accounts, AuditLog audit, Reports reports) {
        this.gate = gate;
        this.admins = admins;
        this.accounts = accounts;
        this.audit = audit;
        this.reports = reports;
    }

    @GET
    @Path("admins")
    public Response listAdmins(@HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> Response.ok(Map.of("admins", admins.all())).build());
    }

    @PUT
    @Path("admins/{name}")
    public Response nameAdmin(@PathParam("name") String name, @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            String account = exactAccount(name);
            if (account == null) {
                return notFound("no such account");
            }
            if (admins.name(account, admin)) {
                audit.record(admin, "add_admin", null, account, null, null);
            }
            return Response.noContent().build();
        });
    }

    @DELETE
    @Path("admins/{name}")
    public Response removeAdmin(@PathParam("name") String name, @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            if (admins.isConfigured(name)) {
                return JsonErrors.response(Response.Status.CONFLICT, "forbidden", "named in majlis.admins: remove it from the configuration");
            }
            if (!admins.remove(name)) {
                return notFound("not an administrator");
            }
            audit.record(admin, "remove_admin", null, name, null, null);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("accounts/{name}/disable")
    public Response disable(@PathParam("name") String name, Reason body, @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            String reason = ShortText.check(body == null ? null : body.reason(), "reason", ShortText.MAX_REASON);
            String account = exactAccount(name);
            if (account == null) {
                return notFound("no such account");
            }
            if (admins.isAdmin(account, false)) {
                return JsonErrors.response(Response.Status.FORBIDDEN, "forbidden", "an administrator is not disabled: remove it as one first");
            }
            if (accounts.disable(account)) {
                audit.record(admin, "disable_account", null, account, null, reason);
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("accounts/{name}/enable")
    public Response enable(@PathParam("name") String name, @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            String account = Names.normalize(name);
            if (account == null || !accounts.enable(account)) {
                return notFound("no disabled account of that name");
            }
            audit.record(admin, "enable_account", null, account, null, null);
            return Response.noContent().build();
        });
    }

    @GET
    @Path("audit")
    public Response audit(@QueryParam("before") String before, @QueryParam("limit") Integer limit,
            @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> page(audit.page(before, pageSize(limit)), limit, AuditEntry::id));
    }

    @GET
    @Path("reports")
    public Response reports(@QueryParam("all") boolean all, @QueryParam("before") String before,
            @QueryParam("limit") Integer limit, @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> page(reports.page(all, before, pageSize(limit)), limit, Report::id));
    }

    @POST
    @Path("reports/{id}/resolve")
    public Response resolve(@PathParam("id") String id, Resolution body, @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            String resolution = ShortText.require(body == null ? null : body.resolution(), "resolution", ShortText.MAX_REASON);
            if (!reports.resolve(id, admin, resolution)) {
                return notFound("no open report of that id");
            }
            audit.record(admin, "resolve_report", null, null, id, resolution);
            return Response.noContent().build();
        });
    }

    /** The registered name of exactly that account (not a lookalike), or null. */
    private String exactAccount(String name) {
        String normalized = Names.normalize(name);
        String account = normalized == null ? null : accounts.accountName(normalized);
        return account != null && Names.key(account).equals(Names.key(normalized)) ? account : null;
    }

    private static int pageSize(Integer limit) {
        return limit == null ? DEFAULT_PAGE : Math.max(1, Math.min(limit, MAX_PAGE));
    }

    /** A page of items newest first; {@code next} (the last item's id) while the page is full. */
    private static <T> Response page(List<T> items, Integer limit, Function<T, String> id) {
        boolean full = items.size() == pageSize(limit);
        return Response.ok(full ? Map.of("items", items, "next", id.apply(items.getLast())) : Map.of("items", items)).build();
    }

    private static Response notFound(String message) {
        return JsonErrors.response(Response.Status.NOT_FOUND, "not_found", message);
    }
}

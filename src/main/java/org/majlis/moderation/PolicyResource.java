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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.majlis.auth.Accounts;
import org.majlis.auth.Sessions;
import org.majlis.http.JsonErrors;
import org.majlis.limits.MessageRate;
import org.majlis.limits.ServerPolicy;
import org.majlis.names.Names;
import org.majlis.protocol.CloseCodes;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/**
 * The server's policy over REST, for administrators: guest access and registration switched at
 * run time, and server-wide bans of guest names and address ranges. Every change is audited.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class PolicyResource {

    /** The switches and the message limits; null leaves one as it is. */
    @RegisterForReflection
    public record Settings(Boolean guests, Boolean registration, MessageLimits messageLimits) {
    }

    /** The message limit of each role: guests, and accounts (bots, moderators and administrators too). */
    @RegisterForReflection
    public record MessageLimits(MessageRate guest, MessageRate account) {
    }

    /** A ban to add: {@code kind} {@code name} or {@code address}. */
    @RegisterForReflection
    public record BanRequest(String kind, String value, String reason) {
    }

    @RegisterForReflection
    public record BanView(String kind, String value, String by, String reason, String at) {
    }

    private final AdminGate gate;
    private final ServerPolicy policy;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Sessions sessions;

    public PolicyResource(AdminGate gate, ServerPolicy policy, AuditLog audit, Accounts accounts, Sessions sessions) {
        this.gate = gate;
        this.policy = policy;
        this.audit = audit;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GET
    @Path("settings")
    public Response settings(@HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> Response.ok(current()).build());
    }

    @PUT
    @Path("settings")
    public Response change(Settings body, @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            if (body == null || (body.guests() == null && body.registration() == null && body.messageLimits() == null)) {
                throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "guests, registration or messageLimits is required");
            }
            MessageLimits limits = body.messageLimits() == null ? new MessageLimits(null, null) : body.messageLimits();
            for (MessageRate rate : new MessageRate[] {limits.guest(), limits.account()}) {
                if (rate != null && !rate.valid()) {
                    throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "a message limit is from 0 (excluded) to "
                            + MessageRate.MAX_PER_SECOND + " per second, with a burst of 1 to " + MessageRate.MAX_BURST);
                }
            }
            if (body.guests() != null) {
                policy.set("guests", body.guests());
                audit.record(admin, "set_guests", null, null, body.guests().toString(), null);
            }
            if (body.registration() != null) {
                policy.set("registration", body.registration());
                audit.record(admin, "set_registration", null, null, body.registration().toString(), null);
            }
            setRate(admin, true, limits.guest());
            setRate(admin, false, limits.account());
            return Response.ok(current()).build();
        });
    }

    /** The message limits of both roles go back to those of the configuration. */
    @DELETE
    @Path("settings/message-limits")
    public Response resetMessageLimits(@HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            policy.resetMessageRates();
            audit.record(admin, "set_message_limit", null, null, "configured", null);
            return Response.ok(current()).build();
        });
    }

    @GET
    @Path("bans")
    public Response bans(@HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> Response.ok(Map.of("bans", policy.bans().stream()
                .map(ban -> new BanView(ban.kind(), ban.shown(), ban.by(), ban.reason(), Instant.ofEpochMilli(ban.at()).toString()))
                .toList())).build());
    }

    /**
     * Bans a guest name (and the names that look like it; the guests connected with it are signed
     * out on every node) or an address range (its connections close, new ones are refused).
     */
    @POST
    @Path("bans")
    public Response ban(BanRequest body, @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            BanRequest request = body == null ? new BanRequest(null, null, null) : body;
            String reason = ShortText.check(request.reason(), "reason", ShortText.MAX_REASON);
            Target target = target(request.kind(), request.value());
            if (!policy.ban(request.kind(), target.value(), target.shown(), admin, reason)) {
                return JsonErrors.response(Response.Status.CONFLICT, "forbidden", "banned already");
            }
            if (ServerPolicy.NAME.equals(request.kind()) && accounts.registeredName(target.shown()) == null) {
                sessions.endAll(target.shown(), CloseCodes.POLICY, "this name is banned from this server");
            }
            audit.record(admin, "ban_" + request.kind(), null, target.shown(), null, reason);
            return Response.status(Response.Status.CREATED).build();
        });
    }

    @DELETE
    @Path("bans")
    public Response unban(@QueryParam("kind") String kind, @QueryParam("value") String value,
            @HeaderParam("Authorization") String authorization) {
        return gate.asAdmin(authorization, admin -> {
            Target target = target(kind, value);
            if (!policy.unban(kind, target.value())) {
                return JsonErrors.response(Response.Status.NOT_FOUND, "not_found", "no such ban");
            }
            audit.record(admin, "unban_" + kind, null, target.shown(), null, null);
            return Response.noContent().build();
        });
    }

    /** What a ban is kept under ({@code value}) and shown as. */
    private record Target(String value, String shown) {
    }

    private static Target target(String kind, String value) {
        if (ServerPolicy.NAME.equals(kind)) {
            String name = Names.normalize(value);
            if (name == null) {
                throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "not a valid name");
            }
            return new Target(Names.skeleton(name), name);
        }
        if (ServerPolicy.ADDRESS.equals(kind)) {
            String range = AddressBans.range(value).toString();
            return new Target(range, range);
        }
        throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "kind is name or address");
    }

    private void setRate(String admin, boolean guest, MessageRate rate) {
        if (rate != null) {
            policy.setMessageRate(guest, rate);
            audit.record(admin, "set_message_limit", null, guest ? "guest" : "account", rate.perSecond() + "/s, burst " + rate.burst(),
                    null);
        }
    }

    private Settings current() {
        return new Settings(policy.guestsAllowed(), policy.registrationOpen(),
                new MessageLimits(policy.messageRate(true), policy.messageRate(false)));
    }
}

package org.majlis.integrations;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Map;
import org.majlis.config.MajlisConfig;

/**
 * A room's outgoing URL, for its managers ({@link RoomManagers}): {@code PUT} sets it (replacing
 * any) and answers the new signing secret, shown that once; {@code GET} shows the URL;
 * {@code DELETE} removes it.
 */
@Path("/api/rooms/{room}/outgoing")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class OutgoingResource {

    private final RoomManagers managers;
    private final OutgoingTargets targets;
    private final MajlisConfig config;

    public OutgoingResource(RoomManagers managers, OutgoingTargets targets, MajlisConfig config) {
        this.managers = managers;
        this.targets = targets;
        this.config = config;
    }

    @PUT
    public Response set(@PathParam("room") String room, String body, @HeaderParam("Authorization") String authorization) {
        RoomManagers.Managed managed = managers.require(authorization, room);
        String url = JsonBody.parse(body).required("url");
        try {
            TargetCheck.check(url, config.integrations().allowPrivateTargets());
        } catch (TargetCheck.Refused e) {
            return Refusal.of(Status.BAD_REQUEST, "invalid_payload", e.getMessage());
        }
        String secret = Secrets.random();
        targets.set(managed.room().conversation(), url, secret, managed.manager().username());
        return Response.ok(Map.of("room", managed.room().name(), "url", url, "secret", secret)).build();
    }

    @GET
    public Response get(@PathParam("room") String room, @HeaderParam("Authorization") String authorization) {
        RoomManagers.Managed managed = managers.require(authorization, room);
        OutgoingTargets.Target target = targets.of(managed.room().conversation());
        return target == null ? none() : Response.ok(Map.of("room", managed.room().name(), "url", target.url())).build();
    }

    @DELETE
    public Response remove(@PathParam("room") String room, @HeaderParam("Authorization") String authorization) {
        RoomManagers.Managed managed = managers.require(authorization, room);
        return targets.remove(managed.room().conversation()) ? Response.noContent().build() : none();
    }

    private static Response none() {
        return Refusal.of(Status.NOT_FOUND, "not_found", "this room has no outgoing URL");
    }
}

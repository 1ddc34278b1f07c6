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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Ids;

/**
 * A room's incoming webhooks, for its managers ({@link RoomManagers}): create one (its secret URL
 * is shown in that answer only), list them, delete one (its URL stops working at once).
 */
@Path("/api/rooms/{room}/webhooks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class WebhookResource {

    private static final char WEBHOOK = 'w';

    @RegisterForReflection
    public record CreatedWebhook(String id, String name, String room, String url, String path) {
    }

    private final RoomManagers managers;
    private final WebhookStore store;
    private final MajlisConfig config;

    public WebhookResource(RoomManagers managers, WebhookStore store, MajlisConfig config) {
        this.managers = managers;
        this.store = store;
        this.config = config;
    }

    @POST
    public Response create(@PathParam("room") String room, String body, @HeaderParam("Authorization") String authorization,
            @Context UriInfo uri) {
        RoomManagers.Managed managed = managers.require(authorization, room);
        String name = Names.normalizeUsername(JsonBody.parse(body).required("name"));
        if (name == null) {
            return Refusal.of(Status.BAD_REQUEST, "invalid_payload",
                    "name: 1 to 32 letters, digits, _ - or ., starting with a letter or digit; not a reserved name");
        }
        ConversationId conversation = managed.room().conversation();
        if (store.of(conversation).size() >= config.integrations().maxWebhooksPerRoom()) {
            return Refusal.of(Status.CONFLICT, "limit_reached",
                    "a room has at most " + config.integrations().maxWebhooksPerRoom() + " webhooks: delete one first");
        }
        long now = System.currentTimeMillis();
        String id = Ids.next(WEBHOOK, now);
        String secret = Secrets.random();
        store.create(id, conversation, name, Secrets.digest(secret), managed.manager().username(), now);
        String path = "/api/hooks/" + id + "/" + secret;
        return Response.status(Status.CREATED).entity(new CreatedWebhook(id, name, managed.room().name(),
                uri.getBaseUriBuilder().replacePath(path).build().toString(), path)).build();
    }

    @GET
    public Response list(@PathParam("room") String room, @HeaderParam("Authorization") String authorization) {
        RoomManagers.Managed managed = managers.require(authorization, room);
        List<WebhookStore.Webhook> hooks = store.of(managed.room().conversation());
        return Response.ok(Map.of("webhooks", hooks)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("room") String room, @PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        RoomManagers.Managed managed = managers.require(authorization, room);
        if (!store.delete(managed.room().conversation(), id)) {
            return Refusal.of(Status.NOT_FOUND, "not_found", "this room has no such webhook");
        }
        return Response.noContent().build();
    }
}

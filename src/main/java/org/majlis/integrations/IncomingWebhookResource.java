package org.majlis.integrations;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.majlis.commands.MessagePosting;
import org.majlis.config.MajlisConfig;
import org.majlis.limits.TokenBucketLimiter;
import org.majlis.messages.MessageText;
import org.majlis.messages.MessageWriter;
import org.majlis.names.Names;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;

/**
 * {@code POST /api/hooks/{id}/{secret}} with {@code {"text": "...", "name": "..."}}: posts the
 * text into the webhook's room as a bot-marked message ({@code via: webhook}), from the name given
 * or else the webhook's. Nobody can edit it: its sender session is the webhook's id, which no
 * login has. Each webhook has a token bucket on each node.
 */
@Path("/api/hooks/{id}/{secret}")
@Produces(MediaType.APPLICATION_JSON)
public class IncomingWebhookResource {

    static final String VIA = "webhook";

    private final WebhookStore store;
    private final RoomDirectory directory;
    private final MessagePosting posting;
    private final TokenBucketLimiter limiter;

    public IncomingWebhookResource(WebhookStore store, RoomDirectory directory, MessagePosting posting, MajlisConfig config) {
        this.store = store;
        this.directory = directory;
        this.posting = posting;
        this.limiter = new TokenBucketLimiter(config.integrations().webhookMessagesPerSecond(), config.integrations().webhookBurst());
    }

    @POST
    @Blocking
    public CompletionStage<Response> post(@PathParam("id") String id, @PathParam("secret") String secret, String body) {
        WebhookStore.Stored hook = id.length() > 40 ? null : store.find(id);
        if (hook == null || !Secrets.matches(secret, hook.secretDigest())) {
            // an unknown, deleted or wrongly spelled URL: one answer, which tells nothing of the webhook ids that exist
            return answer(Refusal.of(Status.UNAUTHORIZED, "auth_failed", "no webhook has this URL (deleted, or a wrong secret)"));
        }
        long wait = limiter.tryAcquire(hook.id());
        if (wait > 0) {
            return answer(Refusal.tooMany(wait, "this webhook posts too often"));
        }
        JsonBody request = JsonBody.parse(body);
        String text;
        try {
            text = MessageText.check(request.required("text"), null);
        } catch (ProtocolException e) {
            return answer(Refusal.of(e.code() == ErrorCode.TOO_LARGE ? Status.REQUEST_ENTITY_TOO_LARGE : Status.BAD_REQUEST,
                    e.code().wire(), e.getMessage()));
        }
        String given = request.optional("name");
        String from = Names.normalizeUsername(given == null ? hook.name() : given);
        if (from == null) {
            return answer(Refusal.of(Status.BAD_REQUEST, "invalid_payload",
                    "name: 1 to 32 letters, digits, _ - or ., starting with a letter or digit; not a reserved name"));
        }
        Room room = directory.find(hook.conversationKey().substring(2)); // r:<room key>, and a key is its own key
        if (room == null) {
            return answer(Refusal.of(Status.NOT_FOUND, "room_not_found", "the webhook's room no longer exists"));
        }
        CompletableFuture<Response> posted = new CompletableFuture<>();
        posting.postToRoom(room.conversation(), from, hook.id(), text, VIA,
                stored -> posted.complete(Response.ok(Map.of("id", stored.id(), "room", room.name(), "seq", stored.seq())).build()),
                refusal -> posted.complete(refused(refusal)));
        return posted;
    }

    private static Response refused(MessageWriter.Refusal refusal) {
        return switch (refusal) {
            case MessageWriter.Refusal.OverLimit over -> Refusal.tooMany(over.retryAfterMillis(), "this name posts too often");
            default -> Refusal.of(Status.SERVICE_UNAVAILABLE, "internal", "the message could not be stored: try again later");
        };
    }

    private static CompletionStage<Response> answer(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}

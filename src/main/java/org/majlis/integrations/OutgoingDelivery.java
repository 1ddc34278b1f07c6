package org.majlis.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.majlis.commands.RoomMessagePosted;
import org.majlis.config.MajlisConfig;
import org.majlis.logging.ThrottledWarning;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ServerEvent.NewMessage;

/**
 * Delivers each message of a room with an outgoing URL by HTTP POST: the {@code new_message}
 * frame as a client receives it, signed with the room's secret ({@code X-Majlis-Signature:
 * sha256=<hex HMAC-SHA256(secret, body)>}). Only the node that stored the message sends it, so a
 * cluster sends it once. A failed attempt (no answer, or not 2xx) is retried after a wait that
 * doubles each time, up to {@code outgoing-attempts}; then the delivery is dropped with a warning.
 * Each delivery runs on a virtual thread of its own: nothing waits on the event loop or the
 * message writer, and deliveries of one room may arrive out of order.
 */
@ApplicationScoped
class OutgoingDelivery {

    static final String SIGNATURE = "X-Majlis-Signature";

    private final OutgoingTargets targets;
    private final ObjectMapper json;
    private final MajlisConfig.Integrations config;
    private final HttpClient client;
    private final AtomicInteger pending = new AtomicInteger();
    private final ThrottledWarning dropWarning = new ThrottledWarning(Duration.ofSeconds(10));

    OutgoingDelivery(OutgoingTargets targets, ObjectMapper json, MajlisConfig config) {
        this.targets = targets;
        this.json = json;
        this.config = config.integrations();
        // redirects are not followed: they could lead to an address the check refuses
        // HTTP/1.1: receivers are plain web servers, and no h2c upgrade is tried on http URLs
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(this.config.outgoingTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** On the message writer's delivery thread: hands the message on, at once. */
    void posted(@Observes RoomMessagePosted posted) {
        NewMessage message = posted.message();
        OutgoingTargets.Target target = targets.of(ConversationId.room(message.room()));
        if (target == null) {
            return;
        }
        if (pending.incrementAndGet() > config.outgoingMaxPending()) {
            pending.decrementAndGet();
            warnDropped(message.room());
            return;
        }
        byte[] body = body(message);
        Thread.ofVirtual().name("majlis-outgoing").start(() -> {
            try {
                deliver(target, message, body);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void deliver(OutgoingTargets.Target target, NewMessage message, byte[] body) {
        String signature = "sha256=" + Secrets.hmac(target.secret(), body);
        Duration wait = config.outgoingBackoff();
        for (int attempt = 1; attempt <= config.outgoingAttempts(); attempt++) {
            String failure = attempt(target.url(), message.id(), attempt, signature, body);
            if (failure == null) {
                return;
            }
            Log.debugf("outgoing event of message %s, attempt %d failed: %s", message.id(), attempt, failure);
            if (attempt == config.outgoingAttempts()) {
                Log.warnf("outgoing event of message %s to %s dropped after %d attempts: %s", message.id(), target.url(), attempt, failure);
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }

    /** One POST: null when the receiver took it (2xx), else what went wrong. */
    private String attempt(String url, String messageId, int attempt, String signature, byte[] body) {
        try {
            URI uri = TargetCheck.check(url, config.allowPrivateTargets()); // again: the host's addresses may have changed
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.outgoingTimeout())
                    .header("Content-Type", "application/json").header("User-Agent", "Majlis")
                    .header(SIGNATURE, signature).header("X-Majlis-Event", "new_message").header("X-Majlis-Delivery", messageId)
                    .header("X-Majlis-Attempt", Integer.toString(attempt))
                    .header("X-Majlis-Timestamp", Long.toString(System.currentTimeMillis() / 1000))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "answered " + status;
        } catch (TargetCheck.Refused e) {
            return e.getMessage();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The frame a WebSocket client receives for the message. */
    private byte[] body(NewMessage message) {
        try {
            Map<String, Object> frame = new LinkedHashMap<>(); // type first, as in the frames clients read
            frame.put("type", message.type());
            frame.put("payload", message);
            return json.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void warnDropped(String room) {
        if (dropWarning.due()) {
            Log.warnf("outgoing events dropped (room %s and perhaps others): %d deliveries are already pending",
                    room, config.outgoingMaxPending());
        }
    }
}

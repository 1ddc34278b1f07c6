package org.majlis.messages;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.majlis.names.Names;
import org.majlis.presence.OnlineUser;
import org.majlis.ws.ClientEvent.ReadPayload;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.Offload;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent.ReadReceipt;
import org.majlis.ws.Session;

/**
 * {@code read}: stores the read mark (monotonic) and tells the conversation, at most once a second
 * per user and conversation: a mark that moves again within the second is sent when it ends.
 */
@ApplicationScoped
public class ReadHandler {

    static final long RELAY_INTERVAL_MILLIS = 1000;

    private static final class Relay {
        long lastSentMillis;
        long pendingSeq = -1;
        boolean scheduled;
    }

    private final MessageStore store;
    private final Recipients recipients;
    private final Vertx vertx;
    private final Offload offload;
    private final Map<String, Relay> relays = new HashMap<>();

    public ReadHandler(MessageStore store, Recipients recipients, Vertx vertx, Offload offload) {
        this.store = store;
        this.recipients = recipients;
        this.vertx = vertx;
        this.offload = offload;
        vertx.setPeriodic(60_000, id -> sweep());
    }

    public void read(Session session, String ref, ReadPayload payload) {
        OnlineUser user = session.requireUser();
        if (payload == null || payload.seq() == null || payload.seq() < 0) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "seq is required");
        }
        ConversationId conversation = recipients.conversation(user, payload.room(), payload.to());
        offload.run(session, ref, "storing the read mark", () -> store.markRead(conversation, user.name(), payload.seq()),
                mark -> {
                    if (mark > 0) {
                        relay(user.name(), conversation, mark);
                    }
                });
    }

    private void relay(String reader, ConversationId conversation, long seq) {
        String key = Names.key(reader) + " " + conversation.key();
        long now = System.currentTimeMillis();
        synchronized (relays) {
            Relay relay = relays.computeIfAbsent(key, k -> new Relay());
            if (now - relay.lastSentMillis >= RELAY_INTERVAL_MILLIS && !relay.scheduled) {
                relay.lastSentMillis = now;
                send(reader, conversation, seq);
                return;
            }
            relay.pendingSeq = Math.max(relay.pendingSeq, seq);
            if (!relay.scheduled) {
                relay.scheduled = true;
                vertx.setTimer(Math.max(1, relay.lastSentMillis + RELAY_INTERVAL_MILLIS - now), id -> flush(key, reader, conversation));
            }
        }
    }

    private void flush(String key, String reader, ConversationId conversation) {
        long seq;
        synchronized (relays) {
            Relay relay = relays.get(key);
            seq = relay.pendingSeq;
            relay.pendingSeq = -1;
            relay.scheduled = false;
            relay.lastSentMillis = System.currentTimeMillis();
        }
        send(reader, conversation, seq);
    }

    /** Forgets relays idle for longer than the interval: they behave like new ones. */
    private void sweep() {
        long now = System.currentTimeMillis();
        synchronized (relays) {
            relays.values().removeIf(r -> !r.scheduled && now - r.lastSentMillis >= RELAY_INTERVAL_MILLIS);
        }
    }

    private void send(String reader, ConversationId conversation, long seq) {
        String to = conversation.isRoom() ? null : conversation.partnerOf(Names.key(reader));
        recipients.deliver(conversation, new ReadReceipt(reader, conversation.room(), to, seq));
    }
}

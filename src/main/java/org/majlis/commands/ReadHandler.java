package org.majlis.commands;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.ReadMarks;
import org.majlis.messages.Recipients;
import org.majlis.messages.RelayThrottle;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.Read;
import org.majlis.protocol.ClientEvent.ReadPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.ReadReceipt;

/**
 * {@code read}: stores the read mark (monotonic) and tells the conversation, at most once a second
 * per user and conversation: a mark that moves again within the second is sent when it ends.
 */
@ApplicationScoped
public class ReadHandler implements Command<Read> {

    static final long RELAY_INTERVAL_MILLIS = 1000;

    private final ReadMarks marks;
    private final Recipients recipients;
    private final Offload offload;
    private final UserRegistry registry;
    private final RelayThrottle<Long> relays;

    public ReadHandler(ReadMarks marks, Recipients recipients, Vertx vertx, Offload offload, UserRegistry registry) {
        this.registry = registry;
        this.marks = marks;
        this.recipients = recipients;
        this.offload = offload;
        this.relays = new RelayThrottle<>(vertx, RELAY_INTERVAL_MILLIS, Math::max);
    }

    @Override
    public Class<Read> event() {
        return Read.class;
    }

    @Override
    public void handle(Session session, Read event) {
        ReadPayload payload = event.payload();
        OnlineUser user = session.requireUser();
        if (payload == null || payload.seq() == null || payload.seq() < 0) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "seq is required");
        }
        ConversationId conversation = recipients.conversation(user, payload.room(), payload.to());
        offload.run(session, event.id(), "storing the read mark",
                () -> marks.markRead(conversation, user.name(), payload.seq()), mark -> {
                    if (mark > 0) {
                        relay(user.name(), conversation, mark);
                    }
                    registry.acknowledge(session, event.id());
                });
    }

    private void relay(String reader, ConversationId conversation, long seq) {
        relays.offer(Names.key(reader) + " " + conversation.key(), seq,
                mark -> recipients.deliver(conversation, new ReadReceipt(reader, conversation.room(), conversation.to(reader), mark)));
    }
}

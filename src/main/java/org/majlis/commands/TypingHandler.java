package org.majlis.commands;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.Recipients;
import org.majlis.messages.RelayThrottle;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.Typing;
import org.majlis.protocol.ClientEvent.TypingPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent;

/**
 * {@code typing}: relayed to the other participants (never back to the typist), at most once a
 * second per user and conversation; the latest state within the second is sent when it ends.
 * Nothing is stored.
 */
@ApplicationScoped
public class TypingHandler implements Command<Typing> {

    static final long RELAY_INTERVAL_MILLIS = 1000;

    private final Recipients recipients;
    private final UserRegistry registry;
    private final RelayThrottle<Boolean> relays;

    public TypingHandler(Recipients recipients, Vertx vertx, UserRegistry registry) {
        this.registry = registry;
        this.recipients = recipients;
        this.relays = new RelayThrottle<>(vertx, RELAY_INTERVAL_MILLIS, (earlier, later) -> later);
    }

    @Override
    public Class<Typing> event() {
        return Typing.class;
    }

    @Override
    public void handle(Session session, Typing event) {
        TypingPayload payload = event.payload();
        OnlineUser user = session.requireUser();
        if (payload == null || payload.active() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "active is required");
        }
        ConversationId conversation = recipients.conversation(user, payload.room(), payload.to());
        relays.offer(Names.key(user.name()) + " " + conversation.key(), payload.active(),
                active -> recipients.deliverExcept(conversation,
                        new ServerEvent.Typing(user.name(), conversation.room(), conversation.to(user.name()), active), user));
        registry.acknowledge(session, event.id());
    }
}

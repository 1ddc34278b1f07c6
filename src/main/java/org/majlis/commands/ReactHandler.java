package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.Emoji;
import org.majlis.messages.Reactions;
import org.majlis.messages.Recipients;
import org.majlis.messages.StoredMessage;
import org.majlis.protocol.ClientEvent.React;
import org.majlis.protocol.ClientEvent.ReactPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Reaction;

/**
 * {@code react}: adds or removes the user's emoji on a message of a conversation the user takes
 * part in; a change is relayed to the conversation as {@code reaction}, then acknowledged.
 */
@ApplicationScoped
public class ReactHandler implements Command<React> {

    private final MessageAccess access;
    private final Reactions reactions;
    private final Recipients recipients;
    private final UserRegistry registry;
    private final Offload offload;

    public ReactHandler(MessageAccess access, Reactions reactions, Recipients recipients, UserRegistry registry,
            Offload offload) {
        this.access = access;
        this.reactions = reactions;
        this.recipients = recipients;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<React> event() {
        return React.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, React event) {
        OnlineUser user = session.requireUser();
        ReactPayload payload = event.payload();
        if (payload == null || payload.on() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "messageId, emoji and on are required");
        }
        String emoji = Emoji.check(payload.emoji());
        String messageId = MessageAccess.requireId(payload.messageId());
        offload.run(session, event.id(), "reacting", () -> {
            StoredMessage message = access.visible(user, messageId);
            return switch (reactions.react(message.id(), emoji, user.name(), payload.on(), Emoji.MAX_PER_MESSAGE)) {
                case ADDED, REMOVED -> message;
                case UNCHANGED -> null;
                case NO_SUCH_MESSAGE -> throw MessageAccess.noSuchMessage();
                case TOO_MANY_EMOJI -> throw new ProtocolException(ErrorCode.INVALID_PAYLOAD,
                        "at most " + Emoji.MAX_PER_MESSAGE + " different reactions per message");
            };
        }, message -> {
            if (message != null) {
                ConversationId conversation = message.conversation();
                recipients.deliver(conversation, new Reaction(message.id(), conversation.room(), conversation.to(user.name()),
                        emoji, user.name(), payload.on()));
            }
            registry.acknowledge(session, event.id());
        });
    }
}

package org.majlis.commands;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.majlis.auth.Bots;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.Mentions;
import org.majlis.messages.MessageText;
import org.majlis.messages.MessageWriter;
import org.majlis.messages.Recipients;
import org.majlis.messages.StoredMessage;
import org.majlis.protocol.ClientEvent.MessagePayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Ack;
import org.majlis.protocol.ServerEvent.NewMessage;
import org.majlis.store.Ids;

/**
 * What {@code send_message} and {@code private_message} share: a checked message is stored, then
 * delivered and acknowledged once committed, in seq order (a room's also announced as a
 * {@link RoomMessagePosted}, for the outgoing events); and the {@code new_message} of a stored message.
 */
@ApplicationScoped
public class MessagePosting {

    /** A bot account's message, as {@code via} says. */
    private static final String VIA_BOT = "bot";

    private final UserRegistry registry;
    private final MessageWriter writer;
    private final Recipients recipients;
    private final Bots bots;
    private final Event<RoomMessagePosted> posted;

    public MessagePosting(UserRegistry registry, MessageWriter writer, Recipients recipients, Bots bots,
            Event<RoomMessagePosted> posted) {
        this.bots = bots;
        this.posted = posted;
        this.registry = registry;
        this.writer = writer;
        this.recipients = recipients;
    }

    /** {@code text}: the checked text of {@code body}, whose attachments and reply reference go with it. */
    void append(Session session, String ref, ConversationId conversation, OnlineUser sender, String text,
            MessagePayload body) {
        long now = System.currentTimeMillis();
        writer.append(new MessageWriter.Draft(conversation, Ids.next(Ids.MESSAGE, now), sender.name(),
                sender.guest() ? session.loginSession() : null, text, now,
                body.attachments() == null ? List.of() : List.copyOf(body.attachments()), MessageText.checkReplyTo(body.replyTo()),
                stored -> {
                    deliver(stored);
                    if (ref != null) {
                        registry.reply(session, new Ack(ref, stored.id(), stored.seq()));
                    }
                },
                refusal -> registry.refuse(session, StoreRefusals.of(refusal, ref)),
                !sender.guest() && bots.isBot(sender.name()) ? VIA_BOT : null));
    }

    /**
     * A message from outside any connection (an incoming webhook) to a room: stored, delivered,
     * then {@code done} with it, or {@code refused}. {@code senderSession} marks who may change it
     * (nobody, for a session id no login has).
     */
    public void postToRoom(ConversationId room, String from, String senderSession, String text, String via,
            Consumer<StoredMessage> done, Consumer<MessageWriter.Refusal> refused) {
        long now = System.currentTimeMillis();
        writer.append(new MessageWriter.Draft(room, Ids.next(Ids.MESSAGE, now), from, senderSession, text, now, List.of(), null,
                stored -> {
                    deliver(stored);
                    done.accept(stored);
                }, refused, via));
    }

    /** A committed message to its conversation's members on every node; a room's to this node's outgoing events too. */
    private void deliver(StoredMessage stored) {
        NewMessage event = toEvent(stored, null);
        recipients.deliverMessage(stored.conversation(), stored.seq(), event);
        if (stored.conversation().isRoom()) {
            try {
                posted.fire(new RoomMessagePosted(event));
            } catch (RuntimeException | LinkageError e) { // the message is stored and delivered: its ack must follow
                Log.errorf(e, "the outgoing events of message %s failed", stored.id());
            }
        }
    }

    static MessagePayload require(MessagePayload payload) {
        if (payload == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "payload is required");
        }
        return payload;
    }

    /**
     * The {@code new_message} payload of a stored message. With {@code reactions} (history) it
     * also says whether the message was edited or deleted.
     */
    static NewMessage toEvent(StoredMessage message, Map<String, List<String>> reactions) {
        boolean detailed = reactions != null;
        return new NewMessage(message.id(), message.conversation().room(), message.to(), message.seq(), message.from(),
                message.body(), MessageTimes.timeOfDay(message.sentAt()), MessageTimes.timestamp(message.sentAt()), message.attachments(),
                detailed ? message.editedAt() != null : null, detailed && message.editedAt() != null ? MessageTimes.timestamp(message.editedAt()) : null,
                detailed ? message.deleted() : null, message.removed() ? Boolean.TRUE : null, reactions, message.replyTo(),
                Mentions.of(message.body()), message.via() != null ? Boolean.TRUE : null, message.via());
    }
}

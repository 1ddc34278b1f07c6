package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.majlis.auth.Accounts;
import org.majlis.cluster.UserDirectory;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.limits.Limits;
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
 * {@code send_message} and {@code private_message}: check, store, then deliver and acknowledge.
 * Delivery and ack happen once the message is committed, in seq order.
 */
@ApplicationScoped
public class MessageHandler {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final UserRegistry registry;
    private final MessageWriter writer;
    private final Recipients recipients;
    private final Accounts accounts;
    private final Offload offload;
    private final Limits limits;
    private final UserDirectory users;

    public MessageHandler(UserRegistry registry, MessageWriter writer, Recipients recipients, Accounts accounts,
            Offload offload, Limits limits, UserDirectory users) {
        this.users = users;
        this.limits = limits;
        this.registry = registry;
        this.writer = writer;
        this.recipients = recipients;
        this.accounts = accounts;
        this.offload = offload;
    }

    /** {@code send_message}: to a room ({@code general} by default) or, with {@code to}, to a user. */
    public void send(Session session, String ref, MessagePayload payload) {
        MessagePayload body = require(payload);
        if (body.to() != null) {
            direct(session, ref, body);
            return;
        }
        OnlineUser sender = session.requireUser();
        ConversationId room = recipients.conversation(sender, body.room(), null);
        limits.message(sender.name());
        append(session, ref, room, sender, MessageText.check(body.message(), body.attachments()), body.attachments());
    }

    /** {@code private_message}: to one user, delivered to every connection of both participants. */
    public void direct(Session session, String ref, MessagePayload payload) {
        MessagePayload body = require(payload);
        if (body.room() != null || body.to() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "a private message needs \"to\" and no \"room\"");
        }
        OnlineUser sender = session.requireUser();
        String text = MessageText.check(body.message(), body.attachments());
        String address = recipients.directAddress(sender, body.to());
        limits.message(sender.name());
        OnlineUser online = recipients.online(address);
        if (online != null) {
            append(session, ref, ConversationId.direct(sender.name(), online.name()), sender, text, body.attachments());
            return;
        }
        // not connected here: a registered account, or a guest on another node, still receives it
        // (ordered, so a sender's messages keep their order)
        offload.run(session, ref, "sending the message", () -> {
            String registered = accounts.registeredName(address);
            return registered != null ? registered : users.nameElsewhere(address);
        }, recipient -> {
            if (recipient == null) {
                registry.refuse(session, new ProtocolException(ErrorCode.USER_NOT_FOUND, "no such user", ref));
            } else {
                append(session, ref, ConversationId.direct(sender.name(), recipient), sender, text, body.attachments());
            }
        });
    }

    private void append(Session session, String ref, ConversationId conversation, OnlineUser sender, String text,
            List<String> attachments) {
        long now = System.currentTimeMillis();
        writer.append(new MessageWriter.Draft(conversation, Ids.next(Ids.MESSAGE, now), sender.name(),
                sender.guest() ? session.loginSession() : null, text, now,
                attachments == null ? List.of() : List.copyOf(attachments),
                stored -> {
                    recipients.deliverMessage(stored.conversation(), stored.seq(), toEvent(stored, null));
                    if (ref != null) {
                        registry.reply(session, new Ack(ref, stored.id(), stored.seq()));
                    }
                },
                refusal -> registry.refuse(session, StoreRefusals.of(refusal, ref))));
    }

    private static MessagePayload require(MessagePayload payload) {
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
        Instant at = Instant.ofEpochMilli(message.sentAt());
        String sent = LocalTime.ofInstant(at, ZoneId.systemDefault()).format(TIME_OF_DAY);
        boolean detailed = reactions != null;
        return new NewMessage(message.id(), message.conversation().room(), message.to(), message.seq(), message.from(),
                message.body(), sent, timestamp(message.sentAt()), message.attachments(),
                detailed ? message.editedAt() != null : null, detailed && message.editedAt() != null ? timestamp(message.editedAt()) : null,
                detailed ? message.deleted() : null, reactions);
    }

    /** ISO-8601 in UTC with milliseconds, as in {@code timestamp}. */
    static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}

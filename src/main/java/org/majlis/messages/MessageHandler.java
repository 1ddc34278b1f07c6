package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.majlis.names.Names;
import org.majlis.presence.OnlineUser;
import org.majlis.presence.UserRegistry;
import org.majlis.ws.ClientEvent.MessagePayload;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent.Ack;
import org.majlis.ws.ServerEvent.NewMessage;
import org.majlis.ws.Session;

/** {@code send_message} and {@code private_message}: check, number, deliver, acknowledge. */
@ApplicationScoped
public class MessageHandler {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final UserRegistry registry;
    private final Conversations conversations;

    public MessageHandler(UserRegistry registry, Conversations conversations) {
        this.registry = registry;
        this.conversations = conversations;
    }

    /** {@code send_message}: to a room ({@code general} by default) or, with {@code to}, to a user. */
    public void send(Session session, String ref, MessagePayload payload) {
        MessagePayload body = require(payload);
        if (body.to() != null) {
            direct(session, ref, body);
            return;
        }
        String room = body.room() == null ? Conversations.GENERAL : Names.normalize(body.room());
        if (room == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        if (!Names.key(room).equals(Conversations.GENERAL)) {
            throw new ProtocolException(ErrorCode.ROOM_NOT_FOUND, "no such room");
        }
        OnlineUser sender = session.requireUser();
        String text = MessageText.check(body.message(), body.attachments());
        requireNoAttachments(body.attachments());
        Instant now = Instant.now();
        NewMessage message = conversations.appendToRoom(Conversations.GENERAL, seq -> {
            NewMessage m = newMessage(seq, now, sender.name(), Conversations.GENERAL, null, text);
            registry.broadcast(m);
            return m;
        });
        acknowledge(session, ref, message);
    }

    /** {@code private_message}: to one user, delivered to every connection of both participants. */
    public void direct(Session session, String ref, MessagePayload payload) {
        MessagePayload body = require(payload);
        if (body.room() != null || body.to() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "a private message needs \"to\" and no \"room\"");
        }
        OnlineUser sender = session.requireUser();
        String text = MessageText.check(body.message(), body.attachments());
        requireNoAttachments(body.attachments());
        String toName = Names.normalize(body.to());
        if (toName != null && Names.key(toName).equals(Names.key(sender.name()))) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "cannot send a private message to yourself");
        }
        OnlineUser recipient = toName == null ? null : registry.find(toName);
        if (recipient == null) {
            throw new ProtocolException(ErrorCode.USER_NOT_FOUND, "no such user");
        }
        Instant now = Instant.now();
        NewMessage message = conversations.appendToDirect(sender.name(), recipient.name(), seq -> {
            NewMessage m = newMessage(seq, now, sender.name(), null, recipient.name(), text);
            registry.sendTo(m, sender, recipient);
            return m;
        });
        acknowledge(session, ref, message);
    }

    private static MessagePayload require(MessagePayload payload) {
        if (payload == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "payload is required");
        }
        return payload;
    }

    // Files arrive with the file-sharing feature; until then no id can name an existing file.
    private static void requireNoAttachments(List<String> attachments) {
        if (attachments != null && !attachments.isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "unknown attachment");
        }
    }

    private static NewMessage newMessage(long seq, Instant now, String from, String room, String to, String text) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        String sent = LocalTime.ofInstant(at, ZoneId.systemDefault()).format(TIME_OF_DAY);
        return new NewMessage(MessageIds.next(at.toEpochMilli()), room, to, seq, from, text, sent,
                TIMESTAMP.format(at), List.of());
    }

    private void acknowledge(Session session, String ref, NewMessage message) {
        if (ref != null) {
            registry.reply(session, new Ack(ref, message.id(), message.seq()));
        }
    }
}

package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.files.FileStore;
import org.majlis.limits.Limits;
import org.majlis.messages.Emoji;
import org.majlis.messages.MessageEdits;
import org.majlis.messages.MessageText;
import org.majlis.messages.Reactions;
import org.majlis.messages.Recipients;
import org.majlis.messages.StoredMessage;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.EditPayload;
import org.majlis.protocol.ClientEvent.MessageRef;
import org.majlis.protocol.ClientEvent.ReactPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.protocol.ServerEvent.MessageDeleted;
import org.majlis.protocol.ServerEvent.MessageEdited;
import org.majlis.protocol.ServerEvent.Reaction;

/**
 * {@code react}, {@code edit_message} and {@code delete_message}: on a stored message of a
 * conversation the user takes part in (edits and deletes by its author only), relayed to the
 * conversation once stored. They count against the user's message limit.
 */
@ApplicationScoped
public class MessageActions {

    private final MessageEdits messages;
    private final Reactions reactions;
    private final FileStore files;
    private final Recipients recipients;
    private final Offload offload;
    private final Limits limits;

    public MessageActions(MessageEdits messages, Reactions reactions, FileStore files, Recipients recipients, Offload offload,
            Limits limits) {
        this.messages = messages;
        this.reactions = reactions;
        this.files = files;
        this.recipients = recipients;
        this.offload = offload;
        this.limits = limits;
    }

    public void react(Session session, String ref, ReactPayload payload) {
        OnlineUser user = session.requireUser();
        if (payload == null || payload.on() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "messageId, emoji and on are required");
        }
        String emoji = Emoji.check(payload.emoji());
        String messageId = requireId(payload.messageId());
        limits.message(user.name());
        offload.run(session, ref, "reacting", () -> {
            limits.clusterMessage(user.name());
            StoredMessage message = visible(user, messageId);
            return switch (reactions.react(message.id(), emoji, user.name(), payload.on(), Emoji.MAX_PER_MESSAGE)) {
                case ADDED, REMOVED -> message;
                case UNCHANGED -> null;
                case NO_SUCH_MESSAGE -> throw noSuchMessage();
                case TOO_MANY_EMOJI -> throw new ProtocolException(ErrorCode.INVALID_PAYLOAD,
                        "at most " + Emoji.MAX_PER_MESSAGE + " different reactions per message");
            };
        }, message -> {
            if (message != null) {
                ConversationId conversation = message.conversation();
                recipients.deliver(conversation, new Reaction(message.id(), conversation.room(), conversation.to(user.name()),
                        emoji, user.name(), payload.on()));
            }
        });
    }

    public void edit(Session session, String ref, EditPayload payload) {
        OnlineUser user = session.requireUser();
        if (payload == null || payload.message() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "messageId and message are required");
        }
        String messageId = requireId(payload.messageId());
        limits.message(user.name());
        offload.run(session, ref, "editing the message", () -> {
            limits.clusterMessage(user.name());
            StoredMessage message = authored(session, messageId);
            String text = MessageText.check(payload.message(), message.attachments().stream().map(Attachment::id).toList());
            return messages.edit(messageId, text, System.currentTimeMillis())
                    .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "the message was deleted"));
        }, edited -> {
            ConversationId conversation = edited.conversation();
            recipients.deliver(conversation, new MessageEdited(edited.id(), conversation.room(), conversation.to(user.name()),
                    edited.from(), edited.body(), MessageHandler.timestamp(edited.editedAt())));
        });
    }

    public void delete(Session session, String ref, MessageRef payload) {
        OnlineUser user = session.requireUser();
        String messageId = requireId(payload == null ? null : payload.messageId());
        limits.message(user.name());
        offload.run(session, ref, "deleting the message", () -> {
            limits.clusterMessage(user.name());
            StoredMessage message = authored(session, messageId);
            if (!messages.delete(messageId)) {
                return null;
            }
            files.discard(message.attachments().stream().map(Attachment::id).toList());
            return message;
        }, message -> {
            if (message != null) {
                ConversationId conversation = message.conversation();
                recipients.deliver(conversation, new MessageDeleted(message.id(), conversation.room(),
                        conversation.to(user.name()), message.from()));
            }
        });
    }

    /** Blocking: the message, which the user must be able to see and which is not deleted. */
    private StoredMessage visible(OnlineUser user, String messageId) {
        StoredMessage message = messages.find(messageId).filter(found -> !found.deleted())
                .orElseThrow(MessageActions::noSuchMessage);
        if (!recipients.takesPart(user, message.conversation())) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are not in this conversation");
        }
        return message;
    }

    /**
     * Blocking: as {@link #visible}, and written by the user; a guest's message by the same guest,
     * not by a later guest or account with its name (the sending session is the guest's identity).
     */
    private StoredMessage authored(Session session, String messageId) {
        OnlineUser user = session.requireUser();
        StoredMessage message = visible(user, messageId);
        boolean sameName = Names.key(message.from()).equals(Names.key(user.name()));
        if (!sameName || (message.senderSession() != null && !message.senderSession().equals(session.loginSession()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only the author may change a message");
        }
        return message;
    }

    private static ProtocolException noSuchMessage() {
        return new ProtocolException(ErrorCode.NOT_FOUND, "no such message");
    }

    private static String requireId(String messageId) {
        if (messageId == null || messageId.isEmpty() || messageId.length() > 40) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "messageId is required");
        }
        return messageId;
    }
}

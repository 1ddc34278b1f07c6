package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.limits.Limits;
import org.majlis.messages.MessageEdits;
import org.majlis.messages.Recipients;
import org.majlis.messages.StoredMessage;
import org.majlis.names.Names;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/**
 * What {@code react}, {@code edit_message} and {@code delete_message} share: the stored message
 * they act on, found on a worker thread, which the user must be able to see (and, to change it,
 * must have written); the cluster-wide count of the request against the user's message limit.
 */
@ApplicationScoped
public class MessageAccess {

    private final MessageEdits messages;
    private final Recipients recipients;
    private final Limits limits;

    public MessageAccess(MessageEdits messages, Recipients recipients, Limits limits) {
        this.messages = messages;
        this.recipients = recipients;
        this.limits = limits;
    }

    /** Blocking: the message, which the user must be able to see and which is not deleted. */
    StoredMessage visible(OnlineUser user, String messageId) {
        limits.clusterMessage(user.name(), user.guest());
        StoredMessage message = messages.find(messageId).filter(found -> !found.deleted())
                .orElseThrow(MessageAccess::noSuchMessage);
        if (!recipients.takesPart(user, message.conversation())) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are not in this conversation");
        }
        return message;
    }

    /**
     * Blocking: as {@link #visible}, and written by the user; a guest's message by the same guest,
     * not by a later guest or account with its name (the sending session is the guest's identity).
     */
    StoredMessage authored(Session session, String messageId) {
        OnlineUser user = session.requireUser();
        StoredMessage message = visible(user, messageId);
        boolean sameName = Names.key(message.from()).equals(Names.key(user.name()));
        if (!sameName || (message.senderSession() != null && !message.senderSession().equals(session.loginSession()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only the author may change a message");
        }
        return message;
    }

    static ProtocolException noSuchMessage() {
        return new ProtocolException(ErrorCode.NOT_FOUND, "no such message");
    }

    static String requireId(String messageId) {
        if (messageId == null || messageId.isEmpty() || messageId.length() > 40) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "messageId is required");
        }
        return messageId;
    }
}

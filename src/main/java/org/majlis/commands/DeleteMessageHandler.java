package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.files.FileStore;
import org.majlis.messages.MessageEdits;
import org.majlis.messages.Recipients;
import org.majlis.messages.StoredMessage;
import org.majlis.protocol.ClientEvent.DeleteMessage;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.protocol.ServerEvent.MessageDeleted;

/**
 * {@code delete_message}: the author's message is deleted with its files, relayed to the
 * conversation as {@code message_deleted}, then acknowledged.
 */
@ApplicationScoped
public class DeleteMessageHandler implements Command<DeleteMessage> {

    private final MessageAccess access;
    private final MessageEdits messages;
    private final FileStore files;
    private final Recipients recipients;
    private final UserRegistry registry;
    private final Offload offload;

    public DeleteMessageHandler(MessageAccess access, MessageEdits messages, FileStore files, Recipients recipients,
            UserRegistry registry, Offload offload) {
        this.access = access;
        this.messages = messages;
        this.files = files;
        this.recipients = recipients;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<DeleteMessage> event() {
        return DeleteMessage.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, DeleteMessage event) {
        OnlineUser user = session.requireUser();
        String messageId = MessageAccess.requireId(event.payload() == null ? null : event.payload().messageId());
        offload.run(session, event.id(), "deleting the message", () -> {
            StoredMessage message = access.authored(session, messageId);
            if (!messages.delete(messageId, false)) {
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
            registry.acknowledge(session, event.id());
        });
    }
}

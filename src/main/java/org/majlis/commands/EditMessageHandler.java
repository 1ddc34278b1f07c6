package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.Mentions;
import org.majlis.messages.MessageEdits;
import org.majlis.messages.MessageText;
import org.majlis.messages.Recipients;
import org.majlis.messages.StoredMessage;
import org.majlis.protocol.ClientEvent.EditMessage;
import org.majlis.protocol.ClientEvent.EditPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.protocol.ServerEvent.MessageEdited;

/** {@code edit_message}: the author's new text, relayed to the conversation as {@code message_edited}, then acknowledged. */
@ApplicationScoped
public class EditMessageHandler implements Command<EditMessage> {

    private final MessageAccess access;
    private final MessageEdits messages;
    private final Recipients recipients;
    private final UserRegistry registry;
    private final Offload offload;

    public EditMessageHandler(MessageAccess access, MessageEdits messages, Recipients recipients, UserRegistry registry,
            Offload offload) {
        this.access = access;
        this.messages = messages;
        this.recipients = recipients;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<EditMessage> event() {
        return EditMessage.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, EditMessage event) {
        OnlineUser user = session.requireUser();
        EditPayload payload = event.payload();
        if (payload == null || payload.message() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "messageId and message are required");
        }
        String messageId = MessageAccess.requireId(payload.messageId());
        offload.run(session, event.id(), "editing the message", () -> {
            StoredMessage message = access.authored(session, messageId);
            if (message.conversation().isRoom()) { // a muted author, or one of a room made read-only, edits nothing
                recipients.roomToPostIn(user, message.conversation().room());
            }
            String text = MessageText.check(payload.message(), message.attachments().stream().map(Attachment::id).toList());
            return messages.edit(messageId, text, System.currentTimeMillis())
                    .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "the message was deleted"));
        }, edited -> {
            ConversationId conversation = edited.conversation();
            recipients.deliver(conversation, new MessageEdited(edited.id(), conversation.room(), conversation.to(user.name()),
                    edited.from(), edited.body(), MessageTimes.timestamp(edited.editedAt()), Mentions.of(edited.body())));
            registry.acknowledge(session, event.id());
        });
    }
}

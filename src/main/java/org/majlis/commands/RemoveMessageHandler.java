package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.files.FileStore;
import org.majlis.messages.MessageEdits;
import org.majlis.messages.Recipients;
import org.majlis.messages.StoredMessage;
import org.majlis.moderation.Moderators.Actor;
import org.majlis.moderation.ShortText;
import org.majlis.protocol.ClientEvent.RemoveMessage;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.protocol.ServerEvent.MessageDeleted;
import org.majlis.rooms.Room;

/**
 * {@code remove_message}: a moderator of the room (an administrator anywhere, direct messages
 * too) removes someone's message: deleted as by its author, shown as removed by a moderator
 * ({@code message_deleted} with {@code removed}, and so in {@code history}), written to the audit
 * log with the reason.
 */
@ApplicationScoped
public class RemoveMessageHandler implements Command<RemoveMessage> {

    private final ModerationContext context;
    private final MessageEdits messages;
    private final FileStore files;
    private final Recipients recipients;

    public RemoveMessageHandler(ModerationContext context, MessageEdits messages, FileStore files, Recipients recipients) {
        this.context = context;
        this.messages = messages;
        this.files = files;
        this.recipients = recipients;
    }

    @Override
    public Class<RemoveMessage> event() {
        return RemoveMessage.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, RemoveMessage event) {
        OnlineUser user = session.requireUser();
        String messageId = MessageAccess.requireId(event.payload() == null ? null : event.payload().messageId());
        String reason = ShortText.check(event.payload().reason(), "reason", ShortText.MAX_REASON);
        context.offload.run(session, event.id(), "removing the message", () -> {
            StoredMessage message = messages.find(messageId).filter(found -> !found.deleted())
                    .orElseThrow(MessageAccess::noSuchMessage);
            Room room = message.conversation().isRoom() ? context.directory.find(message.conversation().room()) : null;
            Actor actor = room != null ? context.moderators.requireModerator(user, room) : context.moderators.actor(user);
            if (room == null && !actor.admin()) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "only administrators remove direct messages");
            }
            if (!messages.delete(messageId, true)) {
                return null;
            }
            files.discard(message.attachments().stream().map(Attachment::id).toList());
            context.audit.record(actor.name(), "remove_message", room == null ? null : room.name(), message.from(), messageId,
                    reason);
            return message;
        }, message -> {
            if (message != null) {
                ConversationId conversation = message.conversation();
                recipients.deliver(conversation, new MessageDeleted(message.id(), conversation.room(),
                        conversation.to(message.from()), message.from(), true));
            }
            context.registry.acknowledge(session, event.id());
        });
    }
}

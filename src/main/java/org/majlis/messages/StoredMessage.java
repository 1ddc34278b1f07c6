package org.majlis.messages;

import java.util.List;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.protocol.ServerEvent.Quote;

/**
 * A committed message. For a direct message, {@code to} is the recipient. {@code editedAt} is
 * null until the author edits it; a deleted message keeps its id and seq, nothing else.
 * {@code senderSession} is the login session of a guest author (its identity), null for accounts.
 * {@code replyTo} quotes the message this one answers, null for none. {@code via}: {@code bot} or
 * {@code webhook} for a message an integration posted, null for a person's. {@code removed}:
 * deleted by a moderator.
 */
public record StoredMessage(ConversationId conversation, long seq, String id, String from, String to, String body,
        long sentAt, List<Attachment> attachments, Long editedAt, boolean deleted, String senderSession, Quote replyTo, String via,
        boolean removed) {
}

package org.majlis.messages;

/** A committed message. For a direct message, {@code to} is the recipient. */
public record StoredMessage(ConversationId conversation, long seq, String id, String from, String to, String body,
        long sentAt) {
}

package org.majlis.messages;

import java.util.HashSet;
import java.util.List;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** The protocol's rules for a message body and its attachments. */
public final class MessageText {

    static final int MAX_LENGTH = 4000;
    static final int MAX_ATTACHMENTS = 10;
    /** The longest message id (the column's width). */
    private static final int MAX_ID_LENGTH = 40;

    private MessageText() {
    }

    /** A reply reference as the protocol allows it (a message id), or null for none. */
    public static String checkReplyTo(String replyTo) {
        if (replyTo != null && (replyTo.isEmpty() || replyTo.length() > MAX_ID_LENGTH)) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "replyTo is a message id");
        }
        return replyTo;
    }

    /** The text to store (empty when absent); refuses what the protocol refuses. */
    public static String check(String message, List<String> attachments) {
        String text = message == null ? "" : message;
        int attachmentCount = attachments == null ? 0 : attachments.size();
        if (attachmentCount > MAX_ATTACHMENTS) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "at most " + MAX_ATTACHMENTS + " attachments");
        }
        if (attachmentCount > 0 && (attachments.contains(null) || new HashSet<>(attachments).size() < attachmentCount)) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "attachments are distinct file ids");
        }
        if (text.isEmpty() && attachmentCount == 0) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "message is empty");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "message is longer than " + MAX_LENGTH + " characters");
        }
        requirePlain(text, "message");
        return text;
    }

    /**
     * Refuses a text ({@code what} names it in the error) with a control character other than
     * newline and tab, or an unpaired surrogate.
     */
    public static void requirePlain(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, what + " contains a control character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, what + " contains an unpaired surrogate");
            }
        }
    }
}

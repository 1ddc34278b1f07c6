package org.majlis.moderation;

import org.majlis.messages.MessageText;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** The short texts of moderation (reasons, topics, resolutions): plain text of a bounded length. */
public final class ShortText {

    /** Reasons given with an action or a report, in code points. */
    public static final int MAX_REASON = 500;
    /** A room's topic, in code points. */
    public static final int MAX_TOPIC = 300;

    private ShortText() {
    }

    /** The text trimmed, null when absent or blank; refuses one that is too long or not plain text. */
    public static String check(String text, String what, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, what + " is longer than " + max + " characters");
        }
        MessageText.requirePlain(trimmed, what);
        return trimmed;
    }

    /** As {@link #check}, but a text is required. */
    public static String require(String text, String what, int max) {
        String checked = check(text, what, max);
        if (checked == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, what + " is required");
        }
        return checked;
    }
}

package org.majlis.messages;

import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** The protocol's rule for a reaction: 1 to 16 characters, no letters, digits, whitespace or controls. */
public final class Emoji {

    static final int MAX_LENGTH = 16;
    /** Different emoji one message may carry. */
    public static final int MAX_PER_MESSAGE = 20;

    private Emoji() {
    }

    public static String check(String emoji) {
        if (emoji == null || emoji.isEmpty() || emoji.codePointCount(0, emoji.length()) > MAX_LENGTH) {
            throw invalid();
        }
        emoji.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE
                    || Character.getType(cp) == Character.UNASSIGNED) {
                throw invalid();
            }
        });
        return emoji;
    }

    private static ProtocolException invalid() {
        return new ProtocolException(ErrorCode.INVALID_PAYLOAD, "an emoji is 1 to " + MAX_LENGTH
                + " characters without letters, digits or spaces");
    }
}

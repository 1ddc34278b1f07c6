package org.majlis.commands;

import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** The size of a page a client asks for ({@code rooms}, {@code users}): a default when it does not say, a cap for more. */
final class PageLimit {

    private PageLimit() {
    }

    static int of(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "limit must be positive");
        }
        return Math.min(requested, max);
    }
}

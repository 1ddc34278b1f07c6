package org.majlis.protocol;

import java.util.Locale;

/** The protocol's error codes; the wire form is the lower-case name. */
public enum ErrorCode {
    BAD_REQUEST,
    UNKNOWN_TYPE,
    INVALID_PAYLOAD,
    NOT_LOGGED_IN,
    ALREADY_LOGGED_IN,
    USERNAME_INVALID,
    USERNAME_TAKEN,
    GUESTS_DISABLED,
    AUTH_FAILED,
    USER_NOT_FOUND,
    ROOM_NOT_FOUND,
    ROOM_EXISTS,
    FORBIDDEN,
    NOT_FOUND,
    TOO_LARGE,
    RATE_LIMITED,
    /** Muted in the room by a moderator, for a while. */
    MUTED,
    LIMIT_REACHED,
    INTERNAL;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }
}

package org.majlis.connections;

import java.util.Locale;

/** A user's presence; the wire form is the lower-case name. */
public enum Status {
    ONLINE, AWAY, BUSY, OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a user may choose for itself, or null for anything else. */
    public static Status chosen(String wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case "online" -> ONLINE;
            case "away" -> AWAY;
            case "busy" -> BUSY;
            default -> null;
        };
    }
}

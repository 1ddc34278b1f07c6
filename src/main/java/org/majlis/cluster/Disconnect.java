package org.majlis.cluster;

/**
 * Connections of a user to close on every node, with a close code and reason: all of them, only
 * those of one login session, or all but those of one login session.
 */
public record Disconnect(String user, Which which, String session, int code, String reason) {

    public enum Which { ALL, SESSION, ALL_BUT_SESSION }

    public static Disconnect all(String user, int code, String reason) {
        return new Disconnect(user, Which.ALL, null, code, reason);
    }

    public static Disconnect session(String user, String session, int code, String reason) {
        return new Disconnect(user, Which.SESSION, session, code, reason);
    }

    public static Disconnect allBut(String user, String session, int code, String reason) {
        return new Disconnect(user, Which.ALL_BUT_SESSION, session, code, reason);
    }
}

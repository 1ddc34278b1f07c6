package org.majlis.protocol;

/** The WebSocket close codes the server sends (RFC 6455, section 7.4.1), in one place. */
public final class CloseCodes {

    /** A normal end: the client logged out. */
    public static final int NORMAL = 1000;
    /** Nothing heard from the client for too long (no pong to the server's pings). */
    public static final int GOING_AWAY = 1001;
    /** A frame that breaks the protocol (reserved bits set with no extension agreed). */
    public static final int PROTOCOL_ERROR = 1002;
    /** A text message that is not UTF-8. */
    public static final int INVALID_DATA = 1007;
    /** Repeated abuse, an expired or revoked session, no login in time. */
    public static final int POLICY = 1008;
    /** A message over the size limit. */
    public static final int TOO_BIG = 1009;
    /** The node is stopping: reconnect, maybe to another node. */
    public static final int RESTARTING = 1012;
    /** The client did not read fast enough. */
    public static final int SLOW_CONSUMER = 1013;

    private CloseCodes() {
    }
}

package org.majlis.auth;

import java.time.Instant;

/** Who a well-signed token speaks for, and the login session it belongs to. */
public record Identity(String username, boolean guest, Instant expiresAt, String sessionId) {
}

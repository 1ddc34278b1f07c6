package org.majlis.auth;

import java.time.Instant;

/** Who a well-signed token speaks for, the login session it belongs to, and the token itself. */
public record Identity(String username, boolean guest, Instant expiresAt, String sessionId, String token) {
}

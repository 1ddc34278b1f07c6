package org.majlis.auth;

import java.time.Instant;

/** Who a verified token speaks for. */
public record Identity(String username, boolean guest, Instant expiresAt) {
}

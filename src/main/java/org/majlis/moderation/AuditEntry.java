package org.majlis.moderation;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One moderation action: who ({@code actor}) did what ({@code action}) to whom or what
 * ({@code target}: a user; {@code detail}: a removed message's id, a mute's end), in which room,
 * when (ISO-8601) and why.
 */
@RegisterForReflection
public record AuditEntry(String id, String at, String actor, String action, String room, String target, String detail,
        String reason) {
}

package org.majlis.moderation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A report of a message: the message, where it is ({@code room}, or the two of a direct
 * conversation in {@code between}), its author and text as they are now, who reported it, why
 * and when; once resolved, by whom, when and how.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String id, String messageId, String room, String between, String author, String message,
        String reporter, String reason, String createdAt, String resolvedBy, String resolvedAt, String resolution) {
}

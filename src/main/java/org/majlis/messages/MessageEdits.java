package org.majlis.messages;

import java.util.Optional;

/** A stored message by its id: found, edited, deleted. */
public interface MessageEdits {

    /** Blocking. The message with that id (deleted ones too). */
    Optional<StoredMessage> find(String messageId);

    /** Blocking. Replaces the text of a message that is not deleted; returns it edited, or empty when it is deleted or unknown. */
    Optional<StoredMessage> edit(String messageId, String body, long editedAt);

    /**
     * Blocking. Empties the message and drops its reactions, marked as removed by a moderator when
     * {@code removed}; false when it was deleted already or is unknown.
     */
    boolean delete(String messageId, boolean removed);
}

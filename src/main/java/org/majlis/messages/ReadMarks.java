package org.majlis.messages;

import java.util.Map;
import org.majlis.protocol.ConversationId;

/** How far each user has read each conversation. */
public interface ReadMarks {

    /**
     * Blocking. Moves the user's read mark forward to seq (never back, never past the newest
     * message); returns the new mark, or -1 when it did not move.
     */
    long markRead(ConversationId conversation, String username, long seq);

    /** Blocking. Read marks of everyone in the conversation: username to seq. */
    Map<String, Long> readSeqs(ConversationId conversation);
}

package org.majlis.messages;

import java.util.List;
import org.majlis.protocol.ConversationId;

/** Each conversation's newest seq and unread count, as one user sees them. */
public interface Summaries {

    /** Unread counts stop here (a client shows "999+"): counting a whole busy room at every login costs too much. */
    int MAX_UNREAD = 1000;

    /**
     * Only this many of the newest messages after a read mark are looked at: a user whose own
     * messages are most of them sees fewer unread than there are.
     */
    int UNREAD_WINDOW = 2 * MAX_UNREAD;

    /** One conversation as one user sees it. */
    record Summary(ConversationId conversation, long lastSeq, long unread) {
    }

    /** Blocking. The rooms given and, when asked, the direct conversations of the user, with counts. */
    List<Summary> summaries(String userKey, List<ConversationId> rooms, boolean withDirects);
}

package org.majlis.messages;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Durable messages, numbered per conversation. One JDBC implementation serves H2 and PostgreSQL. */
public interface MessageStore {

    /** A message to append; its seq is given by the store. */
    record Draft(ConversationId conversation, String id, String from, String body, long sentAt,
            Consumer<StoredMessage> committed, Consumer<Exception> failed) {
    }

    /** One conversation as one user sees it. */
    record Summary(ConversationId conversation, long lastSeq, long unread) {
    }

    record Page(List<StoredMessage> messages, boolean hasMore) {
    }

    /**
     * Queues the message for the next group commit. Exactly one of the draft's callbacks is
     * called, on the writer thread, in seq order per conversation; committed means durable.
     */
    void append(Draft draft);

    /** Blocking. The newest page, or the page before or after a seq, in ascending seq. */
    Page history(ConversationId conversation, Long before, Long after, int limit);

    /** Blocking. The rooms (given) and the direct conversations of the user, with counts. */
    List<Summary> summaries(String userKey, List<ConversationId> rooms);

    /**
     * Blocking. Moves the user's read mark forward to seq (never back, never past the newest
     * message); returns the new mark, or -1 when it did not move.
     */
    long markRead(ConversationId conversation, String username, long seq);

    /** Blocking. Read marks of everyone in the conversation: username to seq. */
    Map<String, Long> readSeqs(ConversationId conversation);
}

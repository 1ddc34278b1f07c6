package org.majlis.messages;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ProtocolException;

/** Durable messages, numbered per conversation. One JDBC implementation serves H2 and PostgreSQL. */
public interface MessageStore {

    /**
     * A message to append; its seq is given by the store. {@code attachments} are ids of files the
     * sender uploaded; a draft whose files are refused fails with a {@link ProtocolException}.
     */
    record Draft(ConversationId conversation, String id, String from, String body, long sentAt, List<String> attachments,
            Consumer<StoredMessage> committed, Consumer<Exception> failed) {
    }

    /** One conversation as one user sees it. */
    record Summary(ConversationId conversation, long lastSeq, long unread) {
    }

    /** A page of history; {@code reactions} maps message id to emoji to the users who reacted, in order. */
    record Page(List<StoredMessage> messages, boolean hasMore, Map<String, Map<String, List<String>>> reactions) {
    }

    /** What a {@code react} changed. */
    enum Reacted { ADDED, REMOVED, UNCHANGED }

    /**
     * Queues the message for the next group commit. Exactly one of the draft's callbacks is
     * called, on the writer thread, in seq order per conversation; committed means durable.
     */
    void append(Draft draft);

    /** Blocking. Commits what is queued (callbacks included); later appends fail. For a stopping node. */
    void drain();

    /** Blocking. The newest page, or the page before or after a seq, in ascending seq. */
    Page history(ConversationId conversation, Long before, Long after, int limit);

    /** Blocking. The rooms given and, when asked, the direct conversations of the user, with counts. */
    List<Summary> summaries(String userKey, List<ConversationId> rooms, boolean withDirects);

    /**
     * Blocking. Moves the user's read mark forward to seq (never back, never past the newest
     * message); returns the new mark, or -1 when it did not move.
     */
    long markRead(ConversationId conversation, String username, long seq);

    /** Blocking. Read marks of everyone in the conversation: username to seq. */
    Map<String, Long> readSeqs(ConversationId conversation);

    /** Blocking. The message with that id (deleted ones too), or null. */
    StoredMessage find(String messageId);

    /** Blocking. Replaces the text of a message that is not deleted; returns it edited, or null. */
    StoredMessage edit(String messageId, String body, long editedAt);

    /** Blocking. Empties the message and drops its reactions; false when it was deleted already or is unknown. */
    boolean delete(String messageId);

    /**
     * Blocking. Adds or removes the user's reaction on a message that is not deleted: refused
     * with {@code not_found} when the message is gone, {@code invalid_payload} when a new emoji
     * would make more than {@code maxEmoji} different ones.
     */
    Reacted react(String messageId, String emoji, String username, boolean on, int maxEmoji);
}

package org.majlis.messages;

import java.util.List;
import java.util.Map;
import org.majlis.protocol.ConversationId;

/**
 * Finds stored messages by their words, newest first, among the conversations a user may read;
 * and keeps its index in step with the stored messages, where the database does not do it in
 * the same transaction.
 */
public interface MessageSearch {

    /**
     * Where to look: the rooms (by conversation key) and, when {@code directsOf} is set, every
     * direct conversation of that user (a name key); narrowed by the optional filters.
     * {@code since} and {@code until} are epoch milliseconds, from inclusive, until exclusive.
     */
    record Scope(List<String> roomKeys, String directsOf, ConversationId only, String senderKey, Long since, Long until) {
    }

    /**
     * A page of hits, newest first; {@code next} is the cursor of the page after it, null at the
     * end. {@code reactions} as in {@link HistoryPages.Page}.
     */
    record Hits(List<StoredMessage> messages, String next, Map<String, Map<String, List<String>>> reactions) {
    }

    /**
     * What the index keeps of a message: its id and its folded words ({@link SearchText#indexed});
     * and its row in the embedded store when the writer knows it, 0 for the index to look it up.
     */
    record Entry(String messageId, String words, long rowId) {

        public Entry(String messageId, String words) {
            this(messageId, words, 0);
        }
    }

    /**
     * Blocking. The page after {@code cursor} (an earlier page's {@code next}), or the first.
     * Throws IllegalArgumentException for a cursor that no search gave.
     */
    Hits search(SearchQuery query, Scope scope, String cursor, int limit);

    // The index follows the stored messages through these, where the database does not index
    // them in the same transaction; each only queues the work.

    /** Messages just committed. */
    default void stored(List<Entry> messages) {
    }

    /** A message was edited or deleted. */
    default void changed(String messageId) {
    }

    /** What was stored but not indexed yet (older messages, or a crash between the two) is indexed. */
    default void catchUp() {
    }

    /** Retention removed messages. */
    default void pruned() {
    }
}

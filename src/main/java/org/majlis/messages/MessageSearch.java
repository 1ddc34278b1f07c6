package org.majlis.messages;

import java.util.List;
import java.util.Map;
import org.majlis.protocol.ConversationId;

/** Finds stored messages by their words, newest first, among the conversations a user may read. */
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
     * Blocking. The page after {@code cursor} (an earlier page's {@code next}), or the first.
     * Throws IllegalArgumentException for a cursor that no search gave.
     */
    Hits search(SearchQuery query, Scope scope, String cursor, int limit);
}

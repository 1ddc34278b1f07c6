package org.majlis.messages;

import java.util.List;
import java.util.Map;
import org.majlis.protocol.ConversationId;

/** Pages of a conversation's stored messages. */
public interface HistoryPages {

    /** A page of history; {@code reactions} maps message id to emoji to the users who reacted, in order. */
    record Page(List<StoredMessage> messages, boolean hasMore, Map<String, Map<String, List<String>>> reactions) {
    }

    /** Blocking. The newest page, or the page before or after a seq, in ascending seq. */
    Page page(ConversationId conversation, Long before, Long after, int limit);
}

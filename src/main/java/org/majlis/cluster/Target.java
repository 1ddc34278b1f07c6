package org.majlis.cluster;

import java.util.List;
import org.majlis.protocol.ConversationId;

/** Who an event is for, resolved on each node against the connections it holds. */
public sealed interface Target {

    /** Every logged-in connection. */
    record Everyone() implements Target {
    }

    /**
     * Everyone in the conversation (room members, or the two of a direct one) but {@code except},
     * if set. A message has its {@code seq} (delivered in seq order); other events have 0.
     */
    record Conversation(ConversationId conversation, String except, long seq) implements Target {
    }

    /** Every connection of these users. */
    record Users(List<String> names) implements Target {
    }

    /**
     * Every connection that hears of this user's presence in the {@code subscribed} scope: the
     * user's own, and those that subscribed to it or are its direct-conversation partners.
     */
    record Audience(String name) implements Target {
    }
}

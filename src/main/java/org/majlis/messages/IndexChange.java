package org.majlis.messages;

import java.util.List;

/** What the embedded store's search indexer is asked to do. */
sealed interface IndexChange {

    /** Messages just committed. */
    record Stored(List<MessageSearch.Entry> messages) implements IndexChange {
    }

    /** A message edited or deleted: the index takes it as it is stored now. */
    record Changed(String messageId) implements IndexChange {
    }

    /** Messages stored but not indexed: from {@code marginMillis} before the newest indexed one on. */
    record CatchUp(long marginMillis) implements IndexChange {
    }

    /** Messages that retention removed leave the index. */
    record Prune() implements IndexChange {
    }
}

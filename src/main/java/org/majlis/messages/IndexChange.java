package org.majlis.messages;

import java.util.List;
import java.util.function.Predicate;

/** What the embedded store's search indexer is asked to do. */
sealed interface IndexChange {

    /** Whether, once written, this change may add a hit to a search whose match on a message's search text is the test. */
    default boolean mayAddHit(Predicate<String> searchText) {
        return true; // an edit, a catch-up: any message may come to match
    }

    /** Messages just committed. */
    record Stored(List<MessageSearch.Entry> messages) implements IndexChange {

        @Override
        public boolean mayAddHit(Predicate<String> searchText) {
            return messages.stream().anyMatch(message -> searchText.test(message.words()));
        }
    }

    /** A message edited or deleted: the index takes it as it is stored now. */
    record Changed(String messageId) implements IndexChange {
    }

    /** Messages stored but not indexed: from {@code marginMillis} before the newest indexed one on. */
    record CatchUp(long marginMillis) implements IndexChange {
    }

    /** Messages that retention removed leave the index. */
    record Prune() implements IndexChange {

        @Override
        public boolean mayAddHit(Predicate<String> searchText) {
            return false;
        }
    }
}

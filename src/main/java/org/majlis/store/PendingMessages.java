package org.majlis.store;

import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Messages acknowledged but not yet in the database: the embedded store journals them first and
 * copies them in after (MessageJournal). Whatever reads or changes stored messages waits for them.
 */
public interface PendingMessages {

    /** Blocking: returns once every message acknowledged so far is in the database. Call it without holding a connection. */
    void awaitApplied();

    /**
     * Whether a message acknowledged but not yet in the database has a search text (its folded
     * words) the test accepts; does not wait. A message leaves this set only once the database
     * has it and its search index was handed it.
     */
    boolean anyPending(Predicate<String> searchText);

    /**
     * The last seq given in the conversation, when it may be ahead of the database's {@code last_seq};
     * empty when the database's is current. Does not wait for the copy.
     */
    OptionalLong lastSeq(String conversationKey);

    /**
     * Runs work that deletes or renames the conversations whose keys the test accepts: every message
     * numbered before it is in the database first, none is numbered while it runs, and theirs are
     * numbered from the database after.
     */
    <T> T exclusively(Predicate<String> conversationKeys, Supplier<T> work);
}

package org.majlis.store;

import java.util.function.Supplier;

/**
 * Messages acknowledged but not yet in the database: the embedded store journals them first and
 * copies them in after (MessageJournal). Whatever reads or changes stored messages waits for them.
 */
public interface PendingMessages {

    /** Blocking: returns once every message acknowledged so far is in the database. Call it without holding a connection. */
    void awaitApplied();

    /**
     * Runs work that deletes or renames conversations: every message numbered before it is in the
     * database first, and none is numbered while it runs (the next ones are numbered from the database).
     */
    <T> T exclusively(Supplier<T> work);
}

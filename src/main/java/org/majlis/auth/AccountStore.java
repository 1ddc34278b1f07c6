package org.majlis.auth;

import java.util.List;

/** Registered accounts. Blocking calls: use them off the event loop. */
public interface AccountStore {

    record Account(String username, String passwordHash) {
    }

    /** Creates the account; false when the name (case-folded) or its skeleton is registered already. */
    boolean create(String username, String passwordHash);

    /** The account under a case-folded name key, or null; a deleted account is not found. */
    Account find(String usernameKey);

    /**
     * The account under the key, else one whose name has the skeleton ({@code Names.skeleton}), or
     * null; deleted accounts too when {@code deletedToo} (their names are not free yet).
     */
    Account findSameOrLookalike(String usernameKey, String skeleton, boolean deletedToo);

    /** Marks the account deleted: it cannot log in any more, its name stays taken; false when there was none. */
    boolean markDeleted(String usernameKey, long now);

    /** Removes the accounts deleted before the time, which frees their names; returns how many. */
    int removeDeletedBefore(long time);

    /** Replaces the account's password hash. */
    void changePassword(String usernameKey, String passwordHash);

    /** The names of the accounts whose key starts with {@code keyPrefix}, by key, at most {@code limit}. */
    List<String> namesStartingWith(String keyPrefix, int limit);
}

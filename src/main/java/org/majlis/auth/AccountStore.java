package org.majlis.auth;

import java.util.List;

/** Registered accounts. Blocking calls: use them off the event loop. */
public interface AccountStore {

    record Account(String username, String passwordHash) {
    }

    /** Creates the account; false when the name (case-folded) or its skeleton is registered already. */
    boolean create(String username, String passwordHash);

    /** The account under a case-folded name key, or null. */
    Account find(String usernameKey);

    /** The account under the key, else one whose name has the skeleton ({@code Names.skeleton}), or null. */
    Account findSameOrLookalike(String usernameKey, String skeleton);

    /** Replaces the account's password hash. */
    void changePassword(String usernameKey, String passwordHash);

    /** The names of the accounts whose key starts with {@code keyPrefix}, by key, at most {@code limit}. */
    List<String> namesStartingWith(String keyPrefix, int limit);
}

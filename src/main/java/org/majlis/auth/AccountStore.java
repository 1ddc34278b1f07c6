package org.majlis.auth;

/** Registered accounts. Blocking calls: use them off the event loop. */
public interface AccountStore {

    record Account(String username, String passwordHash) {
    }

    /** Creates the account; false when the name (case-folded) is registered already. */
    boolean create(String username, String passwordHash);

    /** The account under a case-folded name key, or null. */
    Account find(String usernameKey);
}

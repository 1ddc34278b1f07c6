package org.majlis.auth;

/**
 * A CDI event: an account was registered with a name that a guest may have had. Whatever the
 * former holder had to itself must go (observed above this package, where rooms and messages are).
 */
public record NameTaken(String userKey) {
}

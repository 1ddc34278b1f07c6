package org.majlis.profiles;

/**
 * An account's profile as stored: the account's spelling of its name, the display name and the
 * status text (null when unset), and the version of its avatar (null: none).
 */
record Profile(String username, String displayName, String statusText, String avatarVersion) {
}

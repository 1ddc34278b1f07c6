package org.majlis.auth;

/** An account was deleted (a CDI event, fired on the worker thread that deleted it). */
public record AccountDeleted(String userKey) {
}

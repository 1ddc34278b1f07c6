package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import org.majlis.cluster.UserDirectory;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.UserRegistry;
import org.majlis.names.Names;
import org.majlis.protocol.CloseCodes;

/** Registration and password checks. Blocking (bcrypt and the database): call from worker threads. */
@ApplicationScoped
public class Accounts {

    public enum Registration { CREATED, INVALID_NAME, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, TAKEN }

    public enum PasswordChange { CHANGED, WRONG_PASSWORD, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG }

    public enum Deletion { DELETED, WRONG_PASSWORD }

    private final AccountStore store;
    private final Passwords passwords;
    private final UserRegistry registry;
    private final UserDirectory users;
    private final Sessions sessions;
    private final Event<NameTaken> nameTaken;
    private final Event<AccountDeleted> deleted;

    public Accounts(AccountStore store, Passwords passwords, UserRegistry registry, UserDirectory users, Sessions sessions,
            Event<NameTaken> nameTaken, Event<AccountDeleted> deleted) {
        this.deleted = deleted;
        this.sessions = sessions;
        this.nameTaken = nameTaken;
        this.store = store;
        this.passwords = passwords;
        this.registry = registry;
        this.users = users;
    }

    /** Every check that can refuse comes before the bcrypt hash, the expensive part. */
    public Registration register(String requestedName, String password) {
        String name = Names.normalizeUsername(requestedName);
        if (name == null) {
            return Registration.INVALID_NAME;
        }
        Passwords.Check check = Passwords.check(password);
        if (check != Passwords.Check.ACCEPTABLE) {
            return check == Passwords.Check.TOO_SHORT ? Registration.PASSWORD_TOO_SHORT : Registration.PASSWORD_TOO_LONG;
        }
        OnlineUser connected = registry.findLookalike(name);
        if ((connected != null && connected.guest()) || users.guestElsewhere(Names.skeleton(name)) || registeredName(name) != null) {
            return Registration.TAKEN;
        }
        // the store's unique keys still decide between two registrations racing for one name
        if (!store.create(name, passwords.hash(password))) {
            return Registration.TAKEN;
        }
        // a guest may have had the name before: its tokens stop working, nothing of its passes to the account
        sessions.endAll(name, CloseCodes.POLICY, "the name was registered");
        nameTaken.fire(new NameTaken(Names.key(name)));
        return Registration.CREATED;
    }

    /**
     * The account's new password, when the current one is given right; the account's other
     * sessions end (whoever knew the old password is signed out), the one asking stays.
     */
    public PasswordChange changePassword(Identity session, String current, String replacement) {
        Passwords.Check check = Passwords.check(replacement);
        if (check != Passwords.Check.ACCEPTABLE) {
            return check == Passwords.Check.TOO_SHORT ? PasswordChange.PASSWORD_TOO_SHORT : PasswordChange.PASSWORD_TOO_LONG;
        }
        if (authenticate(session.username(), current) == null) {
            return PasswordChange.WRONG_PASSWORD;
        }
        store.changePassword(Names.key(session.username()), passwords.hash(replacement));
        sessions.endAllBut(session, "the password changed");
        return PasswordChange.CHANGED;
    }

    /**
     * Deletes the account when the password is given right: every session ends and every
     * connection closes on every node; the account stops being a member of its rooms. Its
     * messages stay. Its name (and those that look like it) stays taken until {@link DeletedNames}
     * frees it.
     */
    public Deletion delete(Identity session, String password) {
        if (authenticate(session.username(), password) == null) {
            return Deletion.WRONG_PASSWORD;
        }
        if (store.markDeleted(Names.key(session.username()), System.currentTimeMillis())) {
            sessions.endAll(session.username(), CloseCodes.NORMAL, "the account was deleted");
            deleted.fire(new AccountDeleted(Names.key(session.username())));
        }
        return Deletion.DELETED;
    }

    /** The account's name when the password matches, else null (same work either way). */
    public String authenticate(String username, String password) {
        String name = Names.normalize(username);
        AccountStore.Account account = name == null ? null : store.find(Names.key(name));
        return passwords.matches(password, account == null ? null : account.passwordHash()) ? account.username() : null;
    }

    /** Accounts whose name starts with {@code prefix} (as names compare), by name, at most {@code limit}. */
    public List<String> namesStartingWith(String prefix, int limit) {
        return store.namesStartingWith(Names.key(prefix), limit);
    }

    /**
     * The registered spelling of the name, or of a registered name that looks like it (the same
     * {@link Names#skeleton}), or null: a guest cannot take a lookalike of an account's name. A
     * deleted account's name counts until it is free again.
     */
    public String registeredName(String name) {
        return lookup(name, true);
    }

    /** As {@link #registeredName}, but of accounts that are not deleted: those that can still read what they are sent. */
    public String accountName(String name) {
        return lookup(name, false);
    }

    private String lookup(String name, boolean deletedToo) {
        AccountStore.Account account = store.findSameOrLookalike(Names.key(name), Names.skeleton(name), deletedToo);
        return account == null ? null : account.username();
    }
}

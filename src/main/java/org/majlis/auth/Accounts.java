package org.majlis.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.cluster.UserDirectory;
import org.majlis.names.Names;
import org.majlis.presence.OnlineUser;
import org.majlis.presence.UserRegistry;

/** Registration and password checks. Blocking (bcrypt and the database): call from worker threads. */
@ApplicationScoped
public class Accounts {

    public enum Registration { CREATED, INVALID_NAME, WEAK_PASSWORD, TAKEN }

    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;
    private static final int BCRYPT_COST = 10;
    // compared against when the user does not exist, so that both failures take the same time
    private static final String NO_SUCH_USER_HASH = BcryptUtil.bcryptHash("no such user", BCRYPT_COST);

    private final AccountStore store;
    private final UserRegistry registry;
    private final UserDirectory users;

    public Accounts(AccountStore store, UserRegistry registry, UserDirectory users) {
        this.users = users;
        this.store = store;
        this.registry = registry;
    }

    public Registration register(String requestedName, String password) {
        String name = requestedName == null ? null : Names.normalizeUsername(requestedName);
        if (name == null) {
            return Registration.INVALID_NAME;
        }
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            return Registration.WEAK_PASSWORD;
        }
        OnlineUser connected = registry.find(name);
        if ((connected != null && connected.guest()) || users.guestElsewhere(Names.key(name))) {
            return Registration.TAKEN;
        }
        return store.create(name, BcryptUtil.bcryptHash(password, BCRYPT_COST)) ? Registration.CREATED : Registration.TAKEN;
    }

    /** The account's name when the password matches, else null (same work either way). */
    public String authenticate(String username, String password) {
        String name = username == null ? null : Names.normalize(username);
        AccountStore.Account account = name == null ? null : store.find(Names.key(name));
        String hash = account == null ? NO_SUCH_USER_HASH : account.passwordHash();
        boolean matches = password != null && BcryptUtil.matches(password, hash);
        return account != null && matches ? account.username() : null;
    }

    /** The registered spelling of a name, or null when nobody registered it. */
    public String registeredName(String name) {
        AccountStore.Account account = store.find(Names.key(name));
        return account == null ? null : account.username();
    }
}

package org.majlis.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt hashes and checks. bcrypt reads at most 72 bytes of a password and ignores the rest, so
 * longer passwords are refused at registration and never match at login: a password cannot be
 * guessed by its first 72 bytes. Blocking (about 50 ms of CPU): call from worker threads.
 */
@ApplicationScoped
public class Passwords {

    static final int MIN_CHARACTERS = 8;
    static final int MAX_BYTES = 72;
    private static final int BCRYPT_COST = 10;
    // compared against when the user does not exist, so that both failures take the same time: the
    // cost-10 hash of a random password thrown away, written here rather than hashed when the class
    // loads (50 to 150 ms of the first login after a start, guests included)
    static final String NO_SUCH_USER_HASH = "$2a$10$oIV0aMJXB92xZDTteAhF.O56FGREAPWpJXrRt9XW49a4TtwtyIrBW";

    public enum Check { ACCEPTABLE, TOO_SHORT, TOO_LONG }

    static Check check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return Check.TOO_SHORT;
        }
        return tooLong(password) ? Check.TOO_LONG : Check.ACCEPTABLE;
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, BCRYPT_COST);
    }

    /** Whether the password matches the hash; a null hash (no such account) takes the same time and fails. */
    public boolean matches(String password, String hash) {
        boolean matches = password != null && !tooLong(password) && BcryptUtil.matches(password, hash == null ? NO_SUCH_USER_HASH : hash);
        return hash != null && matches;
    }

    private static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}

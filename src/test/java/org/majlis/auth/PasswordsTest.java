package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Plain unit test: bcrypt needs no server. */
class PasswordsTest {

    private static final Pattern COST = Pattern.compile("^\\$2[aby]\\$(\\d\\d)\\$");

    private final Passwords passwords = new Passwords();

    @Test
    void anAccountThatDoesNotExistCostsTheSameBcryptRoundsAsOneThatDoesAndNeverMatches() {
        String hash = passwords.hash("correct horse battery");
        Matcher cost = COST.matcher(hash);
        assertTrue(cost.find(), hash);
        Matcher noSuchUser = COST.matcher(Passwords.NO_SUCH_USER_HASH);
        assertTrue(noSuchUser.find(), Passwords.NO_SUCH_USER_HASH);
        assertEquals(cost.group(1), noSuchUser.group(1), "the stand-in hash has the cost of real ones");

        assertTrue(passwords.matches("correct horse battery", hash));
        assertFalse(passwords.matches("correct horse battery", null));
        assertFalse(passwords.matches("no such user", null));
    }
}

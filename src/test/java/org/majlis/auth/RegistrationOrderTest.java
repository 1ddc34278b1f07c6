package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.majlis.names.Names;
import org.majlis.testing.Unique;

/** Registration refuses everything it can before the bcrypt hash: the order of the calls it makes. */
@QuarkusTest
class RegistrationOrderTest {

    private static final String REGISTERED = "registered";

    @Inject
    Accounts accounts;

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void recordCalls() {
        // a mock replaces the bean's instance, so it is of the bean's class; it never reaches the database
        QuarkusMock.installMockForType(new JdbcAccountStore(null) {
            @Override
            public boolean create(String username, String passwordHash) {
                calls.add("create");
                return true;
            }

            @Override
            public Account find(String usernameKey) {
                calls.add("find");
                return null;
            }

            @Override
            public Account findSameOrLookalike(String usernameKey, String skeleton, boolean deletedToo) {
                calls.add("lookup");
                return skeleton.equals(Names.skeleton(REGISTERED)) ? new Account(REGISTERED, "hash") : null;
            }
        }, AccountStore.class);
        QuarkusMock.installMockForType(new Passwords() {
            @Override
            public String hash(String password) {
                calls.add("hash");
                return "hash";
            }
        }, Passwords.class);
    }

    @Test
    void aTakenNameIsRefusedBeforeThePasswordIsHashed() {
        assertEquals(Accounts.Registration.TAKEN, accounts.register("REGISTERED", "long enough"));
        assertEquals(Accounts.Registration.TAKEN, accounts.register("r\u0435gist\u0435r\u0435d", "long enough"));
        assertEquals(List.of("lookup", "lookup"), calls);
    }

    @Test
    void invalidNamesAndPasswordsAreRefusedBeforeAnything() {
        assertEquals(Accounts.Registration.INVALID_NAME, accounts.register("\u0430dmin", "long enough"));
        assertEquals(Accounts.Registration.PASSWORD_TOO_SHORT, accounts.register(Unique.name("free"), "short"));
        assertEquals(Accounts.Registration.PASSWORD_TOO_LONG, accounts.register(Unique.name("free"), "p".repeat(73)));
        assertEquals(List.of(), calls);
    }

    @Test
    void aFreeNameIsLookedUpThenHashedThenCreated() {
        assertEquals(Accounts.Registration.CREATED, accounts.register(Unique.name("free"), "long enough"));
        assertEquals(List.of("lookup", "hash", "create"), calls);
    }
}

package org.majlis.messages;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.majlis.testing.OnPostgres;

/** The same reactions, edits, deletes and typing on the local PostgreSQL, over a real connection. */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresMessageActionsTest extends MessageActionsTest {
}

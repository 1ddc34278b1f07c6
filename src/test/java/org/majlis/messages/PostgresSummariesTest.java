package org.majlis.messages;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.majlis.testing.OnPostgres;

/** The unread counts on the local PostgreSQL (127.0.0.1:5432, database test), over a real connection. */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresSummariesTest extends SummariesTest {
}

package org.majlis.messages;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.majlis.testing.OnPostgres;

/** The batch's numbering on the local PostgreSQL (127.0.0.1:5432, database test), where the rows are locked. */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresConversationSeqsTest extends ConversationSeqsTest {
}

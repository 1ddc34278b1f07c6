package org.majlis.integrations;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.majlis.testing.OnPostgres;

/** The webhook tests on the local PostgreSQL (127.0.0.1:5432, database test): the same SQL on the other engine. */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresIntegrationsTest extends WebhooksTest {
}

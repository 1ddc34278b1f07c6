package org.majlis.rooms;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.majlis.testing.OnPostgres;

/** The same room tests, invitations included, on the local PostgreSQL (QUARKUS_DATASOURCE_PG_JDBC_URL). */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresRoomsTest extends RoomsTest {
}

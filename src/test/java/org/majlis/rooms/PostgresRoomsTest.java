package org.majlis.rooms;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** The same room tests, invitations included, on the local PostgreSQL (QUARKUS_DATASOURCE_PG_JDBC_URL). */
@QuarkusTest
@TestProfile(PostgresRoomsTest.Postgres.class)
class PostgresRoomsTest extends RoomsTest {

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.pg.active", "true", "quarkus.datasource.h2.active", "false");
        }
    }
}

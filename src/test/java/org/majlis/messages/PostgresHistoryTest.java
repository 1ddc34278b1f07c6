package org.majlis.messages;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** The same history tests on the local PostgreSQL (127.0.0.1:5432, database test), over a real connection. */
@QuarkusTest
@TestProfile(PostgresHistoryTest.Postgres.class)
class PostgresHistoryTest extends HistoryTest {

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.pg.active", "true", "quarkus.datasource.h2.active", "false");
        }
    }
}

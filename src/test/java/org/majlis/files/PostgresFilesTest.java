package org.majlis.files;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** The same file tests on the local PostgreSQL, with the bytes in the database as a cluster keeps them. */
@QuarkusTest
@TestProfile(PostgresFilesTest.Postgres.class)
class PostgresFilesTest extends FilesTest {

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.pg.active", "true", "quarkus.datasource.h2.active", "false",
                    "majlis.files.storage", "database");
        }
    }
}

package org.majlis.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The server on the local PostgreSQL (127.0.0.1:5432, database test) with file bytes in the
 * database, as a cluster keeps them. One profile for every PostgreSQL suite: one server start.
 */
public class OnPostgres implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.pg.active", "true", "quarkus.datasource.sqlite.active", "false",
                "majlis.files.storage", "database");
    }
}

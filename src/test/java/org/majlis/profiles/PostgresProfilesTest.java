package org.majlis.profiles;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.majlis.testing.OnPostgres;

/** The same profile tests on the local PostgreSQL: the upserts, the avatar's bytes in BYTEA. */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresProfilesTest extends ProfilesTest {
}

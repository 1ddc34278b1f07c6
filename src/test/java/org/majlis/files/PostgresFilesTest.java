package org.majlis.files;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.majlis.testing.OnPostgres;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** The same file tests on the local PostgreSQL, with the bytes in the database as a cluster keeps them. */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresFilesTest extends FilesTest {

    @Test
    void aFileOfManySlicesStreamsOutByteIdentical() {
        // the largest upload of the test profile, not a whole number of slices
        byte[] bytes = new byte[1024 * 1024 - 7];
        ThreadLocalRandom.current().nextBytes(bytes);
        assertTrue(bytes.length > 4 * FileDownloads.SLICE);
        try (TestClient c = TestClient.guest(ws, Unique.name("pgbig"))) {
            String url = upload(token(c), "big.bin", "application/octet-stream", bytes).getString("url");
            byte[] served = given().get(url).then().statusCode(200)
                    .header("Content-Length", Integer.toString(bytes.length)).extract().asByteArray();
            assertArrayEquals(bytes, served);
        }
    }

}

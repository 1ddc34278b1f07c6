package org.majlis.files;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;
import org.majlis.testing.Tightened;
import org.majlis.testing.Unique;

/** What one user may store: a quota of stored bytes and a rate of upload bytes. */
@QuarkusTest
@TestProfile(Tightened.class)
class UploadAllowanceTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void storedBytesBeyondTheQuotaAreRefusedWith413() {
        try (TestClient c = TestClient.guest(ws, Unique.name("quota"))) {
            String token = FilesTest.token(c);
            FilesTest.upload(token, "a.bin", "application/octet-stream", new byte[6 * 1024]);
            given().header("Authorization", "Bearer " + token).multiPart("file", "b.bin", new byte[6 * 1024], "application/octet-stream")
                    .when().post("/api/files").then().statusCode(413).body("code", equalTo("quota_exceeded"));
            // what is left of the quota can still be used
            FilesTest.upload(token, "c.bin", "application/octet-stream", new byte[1024]);
        }
    }

    @Test
    void uploadBytesBeyondTheRateWaitWith429() {
        try (TestClient c = TestClient.guest(ws, Unique.name("rate"))) {
            String token = FilesTest.token(c);
            FilesTest.upload(token, "a.bin", "application/octet-stream", new byte[5 * 1024]);
            given().header("Authorization", "Bearer " + token).multiPart("file", "b.bin", new byte[4 * 1024], "application/octet-stream")
                    .when().post("/api/files").then().statusCode(429).body("code", equalTo("rate_limited"))
                    .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        }
    }
}

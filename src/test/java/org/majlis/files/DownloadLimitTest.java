package org.majlis.files;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.majlis.testing.SlowRequest;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Downloads at once per client address: stalled readers hold their slots, the next one waits with 429. */
@QuarkusTest
@TestProfile(DownloadLimitTest.TwoDownloads.class)
class DownloadLimitTest {

    static final int DOWNLOADS = 2;
    /** More than the kernel buffers of a loopback connection hold, so that a reader that stops stalls the download. */
    static final int SIZE = 10 * 1024 * 1024;

    public static class TwoDownloads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("majlis.files.downloads-per-address", Integer.toString(DOWNLOADS), "majlis.files.max-size", "10M");
        }
    }

    @TestHTTPResource("/ws")
    URI ws;

    /** Uploads a file of {@link #SIZE} random bytes and returns it with its url. */
    static Map.Entry<byte[], String> bigFile(URI ws) {
        byte[] bytes = new byte[SIZE];
        ThreadLocalRandom.current().nextBytes(bytes);
        try (TestClient c = TestClient.guest(ws, Unique.name("big"))) {
            return Map.entry(bytes, FilesTest.upload(FilesTest.token(c), "big.bin", "application/octet-stream", bytes).getString("url"));
        }
    }

    @Test
    void stalledDownloadsHoldTheirSlotsUntilTheyEnd() throws Exception {
        Map.Entry<byte[], String> file = bigFile(ws);
        String url = file.getValue();
        List<SlowRequest> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < DOWNLOADS; i++) {
                SlowRequest download = new SlowRequest(ws, 4096).send("GET " + url + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertTrue(download.readHead().startsWith("HTTP/1.1 200"));
                stalled.add(download);
            }
            given().get(url).then().statusCode(429).header("Retry-After", equalTo("1")).body("code", equalTo("rate_limited"));
            stalled.remove(0).close();
            long deadline = System.currentTimeMillis() + 10_000;
            Response again = given().get(url);
            while (again.statusCode() == 429) {
                if (System.currentTimeMillis() > deadline) {
                    fail("the slot of a closed download is not given back");
                }
                Thread.sleep(20);
                again = given().get(url);
            }
            assertEquals(200, again.statusCode());
            assertArrayEquals(file.getKey(), again.asByteArray());
        } finally {
            for (SlowRequest download : stalled) {
                download.close();
            }
        }
    }
}

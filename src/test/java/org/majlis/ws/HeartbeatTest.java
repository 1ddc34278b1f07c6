package org.majlis.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;

/** The server pings on its own; the interval (30 s by default) is shortened here. */
@QuarkusTest
@TestProfile(HeartbeatTest.FastPing.class)
class HeartbeatTest {

    public static class FastPing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.websockets-next.server.auto-ping-interval", "200ms");
        }
    }

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void theServerPingsConnections() throws InterruptedException {
        try (TestClient client = TestClient.connect(ws)) {
            long deadline = System.currentTimeMillis() + 5000;
            while (client.pingCount() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(client.pingCount() >= 2, "pings seen: " + client.pingCount());
        }
    }
}

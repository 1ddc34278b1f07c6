package org.majlis.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.protocol.CloseCodes;
import org.majlis.testing.RawSocketClient;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * The server pings on its own and closes clients that answer nothing; the interval (30 s) and
 * the dead-client timeout (75 s) are shortened here.
 */
@QuarkusTest
@TestProfile(HeartbeatTest.FastPing.class)
class HeartbeatTest {

    public static class FastPing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("majlis.ping-interval", "200ms", "majlis.dead-client-timeout", "1s",
                    "majlis.login-timeout", "2s");
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

    @Test
    void aClientThatVanishedIsClosedWhileOneThatAnswersPingsStays() throws Exception {
        try (RawSocketClient vanished = new RawSocketClient(ws, 65536); TestClient alive = TestClient.guest(ws, Unique.name("alive"))) {
            // the raw client reads nothing and answers no ping, like a peer whose network dropped
            long start = System.currentTimeMillis();
            assertEquals(CloseCodes.GOING_AWAY, vanished.readUntilClose());
            assertTrue(System.currentTimeMillis() - start < 5000);
            Thread.sleep(1500);
            alive.assertAlive(); // Vert.x answers pings with pongs, as browsers do
        }
    }

    @Test
    void aConnectionThatNeverLogsInIsClosedWith1008WhileALoggedInOneStays() throws Exception {
        try (TestClient idle = TestClient.connect(ws); TestClient member = TestClient.guest(ws, Unique.name("member"))) {
            long start = System.currentTimeMillis();
            assertEquals(CloseCodes.POLICY, idle.awaitClose()); // it answers pings, yet it holds a slot for nothing
            assertTrue(System.currentTimeMillis() - start < 5000);
            member.assertAlive();
        }
    }
}

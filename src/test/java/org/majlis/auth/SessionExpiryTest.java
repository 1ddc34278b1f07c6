package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.protocol.CloseCodes;
import org.majlis.testing.TestClient;

/** A session whose token expires is closed with 1008; tokens live 2 s here instead of 24 h. */
@QuarkusTest
@TestProfile(SessionExpiryTest.ShortTokens.class)
class SessionExpiryTest {

    public static class ShortTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("majlis.jwt.expiry", "2s");
        }
    }

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void anExpiredSessionClosesWith1008() {
        try (TestClient client = TestClient.guest(ws, "shortlived")) {
            assertEquals(CloseCodes.POLICY, client.awaitClose());
        }
    }
}

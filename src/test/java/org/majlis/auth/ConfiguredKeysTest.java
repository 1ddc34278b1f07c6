package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;
import org.majlis.testing.Tightened;
import org.majlis.testing.Unique;

/**
 * Production keys come from configuration (as from a Secret): tokens are signed with that private
 * key; a token well signed with it is still refused unless it belongs to a live session.
 */
@QuarkusTest
@TestProfile(Tightened.class)
class ConfiguredKeysTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void tokensAreSignedWithTheConfiguredKey() throws Exception {
        String name = Unique.name("configured");
        AccountsTest.register(name, "correct horse");
        String token = AccountsTest.token(name, "correct horse");
        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(Tightened.KEYS.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signed with the configured private key");
        try (TestClient client = TestClient.withToken(ws, token)) {
            assertEquals(name, client.await("welcome").path("payload").path("username").asText());
        }
    }

    @Test
    void aWellSignedTokenOfNoSessionIsRefused() {
        String token = Jwt.issuer("majlis").upn("configured").claim("guest", false).claim("sid", "s_made_up")
                .expiresAt(Instant.now().plusSeconds(600)).sign(Tightened.KEYS.getPrivate());
        try (TestClient client = TestClient.withToken(ws, token)) {
            client.awaitError("auth_failed", null);
        }
    }
}

package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * Production keys come from configuration (as from a Secret): tokens are signed with that private
 * key; a token well signed with it is still refused unless it belongs to a live session.
 */
@QuarkusTest
@TestProfile(ConfiguredKeysTest.Keys.class)
class ConfiguredKeysTest {

    static final KeyPair KEYS;

    static {
        try {
            KEYS = KeyUtils.generateKeyPair(2048);
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static class Keys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("majlis.jwt.private-key", pem("PRIVATE KEY", KEYS.getPrivate().getEncoded()),
                    "majlis.jwt.public-key", pem("PUBLIC KEY", KEYS.getPublic().getEncoded()));
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void tokensAreSignedWithTheConfiguredKey() throws Exception {
        String name = Unique.name("configured");
        AccountsTest.register(name, "correct horse");
        String token = AccountsTest.token(name, "correct horse");
        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(KEYS.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signed with the configured private key");
        try (TestClient client = TestClient.withToken(ws, token)) {
            assertEquals(name, client.await("welcome").path("payload").path("username").asText());
        }
    }

    @Test
    void aWellSignedTokenOfNoSessionIsRefused() {
        String token = Jwt.issuer("majlis").upn("configured").claim("guest", false).claim("sid", "s_made_up")
                .expiresAt(Instant.now().plusSeconds(600)).sign(KEYS.getPrivate());
        try (TestClient client = TestClient.withToken(ws, token)) {
            client.awaitError("auth_failed", null);
        }
    }
}

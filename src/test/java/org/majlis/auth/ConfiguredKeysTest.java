package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.net.URI;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;

/** Production keys come from configuration (as from a Secret): a token signed with that private key is accepted. */
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
    void tokensSignedWithTheConfiguredKeyAreAccepted() {
        String token = Jwt.issuer("majlis").upn("configured").claim("guest", false)
                .expiresAt(Instant.now().plusSeconds(600)).sign(KEYS.getPrivate());
        try (TestClient client = TestClient.connect(ws)) {
            client.send("login", null, Json.object("token", token));
            assertEquals("configured", client.await("welcome").path("payload").path("username").asText());
        }
    }
}

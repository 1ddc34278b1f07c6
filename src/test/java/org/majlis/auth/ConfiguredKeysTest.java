package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;
import org.majlis.testing.Tightened;
import org.majlis.testing.Unique;

/**
 * Production secrets come from configuration (as from a Secret): tokens are signed with that
 * secret; a token well signed with it is still refused unless it belongs to a live session; a
 * token of the RS256 key earlier versions used is still accepted, and that key's bytes never
 * pass for the secret.
 */
@QuarkusTest
@TestProfile(Tightened.class)
class ConfiguredKeysTest {

    private static final SecretKey SECRET = new SecretKeySpec(Tightened.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void tokensAreSignedWithTheConfiguredSecret() throws Exception {
        String name = Unique.name("configured");
        AccountsTest.register(name, "correct horse");
        String token = AccountsTest.token(name, "correct horse");
        String[] parts = token.split("\\.");
        assertEquals("HS256", part(parts[0]).path("alg").asText());
        Mac hs256 = Mac.getInstance("HmacSHA256");
        hs256.init(SECRET);
        byte[] expected = hs256.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected, Base64.getUrlDecoder().decode(parts[2]), "signed with the configured secret");
        try (TestClient client = TestClient.withToken(ws, token)) {
            assertEquals(name, client.await("welcome").path("payload").path("username").asText());
        }
    }

    @Test
    void aWellSignedTokenOfNoSessionIsRefused() {
        String token = Jwt.issuer("majlis").upn("configured").claim("guest", false).claim("sid", "s_made_up")
                .expiresAt(Instant.now().plusSeconds(600)).jws().algorithm(SignatureAlgorithm.HS256).sign(SECRET);
        try (TestClient client = TestClient.withToken(ws, token)) {
            client.awaitError("auth_failed", null);
        }
    }

    @Test
    void aTokenOfTheFormerKeyGoesOnWhileItsSessionLives() throws Exception {
        String name = Unique.name("former");
        AccountsTest.register(name, "correct horse");
        String session = part(AccountsTest.token(name, "correct horse").split("\\.")[1]).path("sid").asText();
        String former = Jwt.issuer("majlis").upn(name).claim("guest", false).claim("sid", session)
                .expiresAt(Instant.now().plusSeconds(600)).sign(Tightened.FORMER_KEYS.getPrivate());
        try (TestClient client = TestClient.withToken(ws, former)) {
            assertEquals(name, client.await("welcome").path("payload").path("username").asText());
        }
        // the public key is no secret: an HS256 token keyed with its bytes is a forgery
        SecretKey publicBytes = new SecretKeySpec(Tightened.FORMER_KEYS.getPublic().getEncoded(), "HmacSHA256");
        String forged = Jwt.issuer("majlis").upn(name).claim("guest", false).claim("sid", session)
                .expiresAt(Instant.now().plusSeconds(600)).jws().algorithm(SignatureAlgorithm.HS256).sign(publicBytes);
        try (TestClient client = TestClient.withToken(ws, forged)) {
            client.awaitError("auth_failed", null);
        }
    }

    private static JsonNode part(String base64) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(base64));
    }
}

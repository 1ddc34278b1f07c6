package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Plain unit test: the compact form checked with the JDK's own HMAC (the server's parser reads them in every login test). */
class Hs256SignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    @Test
    void aTokenIsHeaderClaimsAndTheHmacOfBothInBase64UrlWithoutPadding() throws Exception {
        SecretKeySpec key = new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "سلمى \"quoted\"");
        claims.put("guest", true);
        claims.put("exp", 1_900_000_000L);
        String token = new Hs256Signer(key).sign(claims);

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, token);
        for (String part : parts) {
            assertEquals(-1, part.indexOf('='), "no padding: " + part);
        }
        JsonNode header = JSON.readTree(BASE64URL.decode(parts[0]));
        assertEquals("HS256", header.path("alg").asText());
        assertEquals("JWT", header.path("typ").asText());
        JsonNode payload = JSON.readTree(BASE64URL.decode(parts[1]));
        assertEquals("سلمى \"quoted\"", payload.path("sub").asText());
        assertEquals(true, payload.path("guest").asBoolean());
        assertEquals(1_900_000_000L, payload.path("exp").asLong());

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected, BASE64URL.decode(parts[2]));

        SecretKeySpec other = new SecretKeySpec("another secret of thirty-two b!!".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
        assertNotEquals(parts[2], new Hs256Signer(other).sign(claims).split("\\.")[2], "the key is in the signature");
    }
}

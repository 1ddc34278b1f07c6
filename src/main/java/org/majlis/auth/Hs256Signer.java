package org.majlis.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * HS256 JWTs written directly in the compact form of RFC 7515: the header, the claims as JSON,
 * the HMAC of both. smallrye-jwt's builder, used before, looked up a dozen configuration
 * properties and set up a new {@link Mac} for each token: nine tenths of what signing cost a new
 * guest's login. The tokens are the same (header, claims) and smallrye-jwt's parser reads them.
 */
final class Hs256Signer {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"kid\":\"majlis\",\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKey key;
    /** Set up once with the key; each token signs with a copy (a Mac is not thread-safe). */
    private final Mac keyed;

    Hs256Signer(SecretKey key) {
        this.key = key;
        this.keyed = newMac(key);
    }

    /** The signed token of these claims (strings, booleans, numbers). */
    String sign(Map<String, Object> claims) {
        try {
            String signingInput = HEADER + "." + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            byte[] signature = mac().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims not writable as JSON", e);
        }
    }

    private Mac mac() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException providerCannotCopy) {
            return newMac(key);
        }
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

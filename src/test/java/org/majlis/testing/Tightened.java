package org.majlis.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.jwt.util.KeyUtils;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * One server for the suites that need an optional setting set, where no setting disturbs the
 * others' tests (one start instead of five): a configured token secret ({@link #SECRET}) and the
 * public key of earlier versions' RS256 tokens ({@link #FORMER_KEYS}), one allowed
 * browser origin, low room caps, a small upload allowance, a short message retention and a low
 * presence threshold.
 */
public class Tightened implements QuarkusTestProfile {

    public static final String ALLOWED_ORIGIN = "https://friend.example";
    public static final int MAX_OWNED_ROOMS = 2;
    public static final int MAX_PENDING_INVITATIONS = 1;
    public static final int RETAINED_MESSAGES = 5;
    /** Above this many online, presence goes by interest (the suites here hold few users at once). */
    public static final int PRESENCE_THRESHOLD = 3;
    public static final String SECRET = "a shared secret of the cluster's nodes, long enough";
    public static final KeyPair FORMER_KEYS;

    static {
        try {
            FORMER_KEYS = KeyUtils.generateKeyPair(2048);
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("majlis.jwt.secret", SECRET),
                Map.entry("majlis.jwt.public-key", pem("PUBLIC KEY", FORMER_KEYS.getPublic().getEncoded())),
                Map.entry("majlis.allowed-origins", ALLOWED_ORIGIN),
                Map.entry("majlis.rooms.max-owned-per-user", Integer.toString(MAX_OWNED_ROOMS)),
                Map.entry("majlis.rooms.max-pending-invitations", Integer.toString(MAX_PENDING_INVITATIONS)),
                Map.entry("majlis.files.quota-per-user", "10K"), Map.entry("majlis.files.upload-rate", "1K"),
                Map.entry("majlis.files.upload-burst", "8K"),
                Map.entry("majlis.retention.max-count", Integer.toString(RETAINED_MESSAGES)),
                Map.entry("majlis.retention.interval", "1h"),
                Map.entry("majlis.presence.large-threshold", Integer.toString(PRESENCE_THRESHOLD)));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}

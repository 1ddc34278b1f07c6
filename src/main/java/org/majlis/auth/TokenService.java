package org.majlis.auth;

import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.majlis.config.MajlisConfig;

/**
 * Signs and verifies the server's JWTs with a shared secret (HS256): half a microsecond a token,
 * where an RS256 signature took a millisecond, the largest cost of a new guest's login. Only
 * Majlis nodes check these tokens, so nothing needs a public key. The secret comes from
 * configuration (the same on every node of a cluster) or, on the embedded default, is generated
 * once into the data directory. Tokens of the RS256 key earlier versions signed with are still
 * accepted while they last, so an upgrade signs nobody out.
 */
@ApplicationScoped
public class TokenService {

    private static final String GUEST_CLAIM = "guest";
    /** The login session the token belongs to ({@link Sessions}). */
    private static final String SESSION_CLAIM = "sid";

    /** Fewer bytes than SHA-256's output would weaken HS256 (RFC 7518, 3.2). */
    static final int MIN_SECRET_BYTES = 32;
    private static final String SECRET_FILE = "jwt-secret";
    private static final String FORMER_PUBLIC_KEY_FILE = "jwt-public.pem";

    private final JWTParser parser;
    private final MajlisConfig.Jwt config;
    private final SecretKey secret;
    private final Hs256Signer signer;
    /** The RS256 key of earlier versions' tokens, or null. */
    private final PublicKey formerKey;

    public TokenService(JWTParser parser, MajlisConfig config) {
        this.parser = parser;
        this.config = config.jwt();
        Path keys = config.dataDir().resolve("keys");
        this.secret = new SecretKeySpec(this.config.secret().map(TokenService::configuredSecret)
                .orElseGet(() -> secretInDataDirectory(keys)), "HmacSHA256");
        this.signer = new Hs256Signer(secret);
        this.formerKey = formerKey(this.config.publicKey(), keys.resolve(FORMER_PUBLIC_KEY_FILE));
        if (config.cluster().enabled() && this.config.secret().isEmpty()) {
            Log.warnf("majlis.jwt.secret is not set: tokens are signed with the secret in %s, and other nodes refuse them"
                    + " unless they share that directory; set the same majlis.jwt.secret on every node", keys.toAbsolutePath());
        }
    }

    /** When a token issued now expires. */
    public Instant expiryFromNow() {
        return Instant.now().plus(config.expiry()).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Whether a token expiring then has more than half its lifetime left: worth keeping rather than signing anew. */
    boolean young(Instant expiresAt) {
        return Duration.between(Instant.now(), expiresAt).compareTo(config.expiry().dividedBy(2)) > 0;
    }

    /** A signed token of the session; call {@link Sessions} rather than this, which records the session. */
    IssuedToken issue(String username, boolean guest, String sessionId, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(Claims.iss.name(), config.issuer());
        claims.put(Claims.upn.name(), username);
        claims.put(Claims.sub.name(), username);
        claims.put(GUEST_CLAIM, guest);
        claims.put(SESSION_CLAIM, sessionId);
        claims.put(Claims.iat.name(), Instant.now().getEpochSecond());
        claims.put(Claims.exp.name(), expiresAt.getEpochSecond());
        claims.put(Claims.jti.name(), UUID.randomUUID().toString());
        return new IssuedToken(signer.sign(claims), expiresAt);
    }

    /**
     * The identity of a well-signed, unexpired token, or null for a forged, malformed or expired one
     * (or one from before sessions). Whether its session is still live is {@link Sessions}' question.
     */
    public Identity verify(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            JsonWebToken jwt = verified(token);
            Object sessionId = jwt.getClaim(SESSION_CLAIM);
            if (!config.issuer().equals(jwt.getIssuer()) || jwt.getName() == null || sessionId == null) {
                return null;
            }
            Object guest = jwt.getClaim(GUEST_CLAIM);
            return new Identity(jwt.getName(), guest == null || Boolean.parseBoolean(guest.toString()),
                    Instant.ofEpochSecond(jwt.getExpirationTime()), unquoted(sessionId.toString()), token);
        } catch (ParseException | RuntimeException e) {
            Log.debugf("token rejected: %s", e.getMessage());
            return null;
        }
    }

    /** Each key checks its own algorithm only: the secret HS256, the former key RS256 (no confusion of the two). */
    private JsonWebToken verified(String token) throws ParseException {
        try {
            return parser.verify(token, secret);
        } catch (ParseException notOurs) {
            if (formerKey == null) {
                throw notOurs;
            }
            return parser.verify(token, formerKey);
        }
    }

    /** A string claim as text (the parser may hand it over as a JSON string, quotes included). */
    private static String unquoted(String claim) {
        return claim.length() >= 2 && claim.startsWith("\"") && claim.endsWith("\"") ? claim.substring(1, claim.length() - 1) : claim;
    }

    /** The identity of an {@code Authorization} header's bearer token, or null. */
    public Identity verifyBearer(String authorization) {
        String prefix = "Bearer ";
        return authorization != null && authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                ? verify(authorization.substring(prefix.length()).trim()) : null;
    }

    private static byte[] configuredSecret(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("majlis.jwt.secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return bytes;
    }

    private static byte[] secretInDataDirectory(Path dir) {
        Path file = dir.resolve(SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] secret = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(dir);
            writePrivately(file, Base64.getEncoder().encodeToString(secret) + "\n");
            Log.infof("generated the token secret in %s", file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token secret in " + dir, e);
        }
    }

    /** The configured former public key, else the one earlier versions generated into the data directory, else null. */
    private static PublicKey formerKey(Optional<String> configured, Path generated) {
        try {
            if (configured.isPresent()) {
                return KeyUtils.decodePublicKey(configured.get());
            }
            return Files.exists(generated) ? KeyUtils.decodePublicKey(Files.readString(generated)) : null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("invalid former JWT public key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + generated, e);
        }
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try { // readable by this user only from its first byte on
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX permissions (Windows); the directory's own rights apply
        }
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}

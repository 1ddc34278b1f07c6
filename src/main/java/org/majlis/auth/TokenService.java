package org.majlis.auth;

import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.majlis.config.MajlisConfig;

/**
 * Signs and verifies the server's JWTs (RS256). Keys come from configuration (the same on every
 * node of a cluster) or, on the embedded default, are generated once into the data directory.
 */
@ApplicationScoped
public class TokenService {

    private static final String GUEST_CLAIM = "guest";
    /** The login session the token belongs to ({@link Sessions}). */
    private static final String SESSION_CLAIM = "sid";

    private final JWTParser parser;
    private final MajlisConfig.Jwt config;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    public TokenService(JWTParser parser, MajlisConfig config) {
        this.parser = parser;
        this.config = config.jwt();
        try {
            if (this.config.privateKey().isPresent() && this.config.publicKey().isPresent()) {
                this.privateKey = KeyUtils.decodePrivateKey(this.config.privateKey().get());
                this.publicKey = KeyUtils.decodePublicKey(this.config.publicKey().get());
            } else {
                KeyPair keys = keysInDataDirectory(config.dataDir().resolve("keys"));
                this.privateKey = keys.getPrivate();
                this.publicKey = keys.getPublic();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("invalid JWT keys", e);
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
        String token = Jwt.issuer(config.issuer()).upn(username).subject(username).claim(GUEST_CLAIM, guest)
                .claim(SESSION_CLAIM, sessionId).expiresAt(expiresAt).jws().keyId("majlis").sign(privateKey);
        return new IssuedToken(token, expiresAt);
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
            JsonWebToken jwt = parser.verify(token, publicKey);
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

    private static KeyPair keysInDataDirectory(Path dir) throws GeneralSecurityException {
        Path privateFile = dir.resolve("jwt-private.pem");
        Path publicFile = dir.resolve("jwt-public.pem");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return new KeyPair(KeyUtils.decodePublicKey(Files.readString(publicFile)),
                        KeyUtils.decodePrivateKey(Files.readString(privateFile)));
            }
            KeyPair keys = KeyUtils.generateKeyPair(2048);
            Files.createDirectories(dir);
            write(privateFile, "PRIVATE KEY", keys.getPrivate().getEncoded());
            write(publicFile, "PUBLIC KEY", keys.getPublic().getEncoded());
            Log.infof("generated the JWT signing keys in %s", dir.toAbsolutePath());
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the JWT keys in " + dir, e);
        }
    }

    private static void write(Path file, String label, byte[] der) throws IOException {
        String pem = "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, pem);
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX permissions (Windows); the directory's own rights apply
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}

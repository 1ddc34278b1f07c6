package org.majlis.files;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.config.MajlisConfig;
import org.majlis.limits.TokenBucketLimiter;

/** Whether a user may store more bytes: a quota on what they have stored and a rate of upload bytes. */
@ApplicationScoped
public class UploadAllowance {

    /** Why an upload is refused; {@code retryAfterMs} is 0 when waiting does not help. */
    public record Refusal(int status, String code, String message, long retryAfterMs) {
    }

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int CONTENT_TOO_LARGE = 413;

    private final FileStore files;
    private final long quota;
    private final TokenBucketLimiter bytes;

    public UploadAllowance(FileStore files, MajlisConfig config, Vertx vertx) {
        this.files = files;
        this.quota = config.files().quotaPerUser().asLongValue();
        this.bytes = new TokenBucketLimiter(config.files().uploadRate().asLongValue(),
                (int) Math.min(Integer.MAX_VALUE, config.files().uploadBurst().asLongValue()));
        vertx.setPeriodic(60_000, id -> bytes.sweep());
    }

    /** Blocking. Takes {@code size} bytes of the owner's allowance, or says why not (and takes nothing). */
    public Refusal take(String ownerKey, long size) {
        long stored = files.storedBytes(ownerKey);
        if (stored + size > quota) {
            return new Refusal(CONTENT_TOO_LARGE, "quota_exceeded", "you have stored " + stored + " of your " + quota
                    + " bytes; files you no longer need go away with their messages", 0);
        }
        long retryAfterMs = bytes.tryAcquire(ownerKey, size);
        return retryAfterMs == 0 ? null
                : new Refusal(TOO_MANY_REQUESTS, "rate_limited", "too many upload bytes, slow down", retryAfterMs);
    }
}

package org.majlis.protocol;

/** A request the protocol refuses: answered with an {@code error} event, the connection stays open. */
public final class ProtocolException extends RuntimeException {

    private final ErrorCode code;
    private final String ref;
    private final Long retryAfterMs;

    public ProtocolException(ErrorCode code, String message, String ref, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
        this.retryAfterMs = retryAfterMs;
    }

    public ProtocolException(ErrorCode code, String message, String ref) {
        this(code, message, ref, null);
    }

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    public String ref() {
        return ref;
    }

    /** For {@code rate_limited}: when to try again. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    /** The same refusal answering the frame with the given id. */
    public ProtocolException withRef(String newRef) {
        return ref != null || newRef == null ? this : new ProtocolException(code, getMessage(), newRef, retryAfterMs);
    }
}

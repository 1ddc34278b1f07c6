package org.majlis.integrations;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.majlis.http.JsonErrors;

/** An answer of the integrations' REST API other than success: a status with a {@code {"code","message"}} body. */
final class Refusal {

    private Refusal() {
    }

    static Response of(Response.Status status, String code, String message) {
        return JsonErrors.response(status, code, message);
    }

    /** Thrown from a resource, it is the answer. */
    static WebApplicationException thrown(Response.Status status, String code, String message) {
        return new WebApplicationException(of(status, code, message));
    }

    /** 429 with {@code Retry-After} in whole seconds, as the other endpoints say it. */
    static Response tooMany(long retryAfterMillis, String message) {
        return JsonErrors.tooManyRequests(retryAfterMillis, message);
    }
}

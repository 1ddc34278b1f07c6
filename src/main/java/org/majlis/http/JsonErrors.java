package org.majlis.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The REST API's error body, {@code {"code":..,"message":..}}: as a JAX-RS answer, or sent outside JAX-RS. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** A JAX-RS answer with the error body. */
    public static Response response(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("code", code, "message", message)).build();
    }

    /** 429 {@code rate_limited}, with {@code Retry-After} (whole seconds) and {@code retryAfterMs}. */
    public static Response tooManyRequests(long retryAfterMs, String message) {
        return Response.status(Response.Status.TOO_MANY_REQUESTS).header("Retry-After", (retryAfterMs + 999) / 1000)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", "rate_limited", "message", message, "retryAfterMs", retryAfterMs)).build();
    }

    public static void send(HttpServerResponse response, int status, String code, String message) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("code", code).put("message", message).encode());
    }

    /** 429 with a Retry-After of one second: a slot of a concurrency limit frees when a request ends. */
    public static void tooMany(HttpServerResponse response, String message) {
        response.putHeader("Retry-After", "1");
        send(response, 429, "rate_limited", message);
    }
}

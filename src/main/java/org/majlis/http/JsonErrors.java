package org.majlis.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The REST API's error body, {@code {"code":..,"message":..}}, for answers given outside JAX-RS. */
public final class JsonErrors {

    private JsonErrors() {
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

package org.majlis.limits;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address limits count by. Behind a reverse proxy, enable
 * {@code quarkus.http.proxy.proxy-address-forwarding} so that this is the client, not the proxy.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}

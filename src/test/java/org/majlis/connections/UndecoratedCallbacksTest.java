package org.majlis.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.net.URI;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Mutiny's callbacks are left as they are once the server has started, and chat works without the decorator. */
@QuarkusTest
class UndecoratedCallbacksTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void callbacksAreNotWrappedAndAConnectionStillChats() {
        Function<String, String> callback = String::strip;
        assertSame(callback, Infrastructure.decorate(callback), "no context-propagation wrapper");
        try (TestClient ana = TestClient.guest(ws, Unique.name("ana")); TestClient bo = TestClient.guest(ws, Unique.name("bo"))) {
            ana.send("send_message", "m", Json.object("message", "undecorated"));
            ana.awaitAck("m");
            assertEquals("undecorated", bo.await("new_message", e -> "undecorated".equals(e.path("payload").path("message").asText()))
                    .path("payload").path("message").asText());
        }
    }
}

package org.majlis.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** The per-connection queues in small chunks still take a burst far larger than one chunk, in order. */
@QuarkusTest
class ConnectionQueueChunksTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aBurstOfManyChunksIsAnsweredInOrder() {
        assertEquals(ConnectionQueueChunks.CHUNK, Infrastructure.getBufferSizeS());
        int burst = 20 * ConnectionQueueChunks.CHUNK;
        try (TestClient client = TestClient.guest(ws, Unique.name("burst"))) {
            for (int i = 0; i < burst; i++) {
                client.send("send_message", "b" + i, Json.object("message", "burst " + i));
            }
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                seqs.add(client.awaitAck("b" + i).path("payload").path("seq").asLong());
            }
            for (int i = 1; i < burst; i++) {
                assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "acks in the order sent");
            }
        }
    }
}

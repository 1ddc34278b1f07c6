package org.majlis.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.majlis.protocol.ServerEvent;

/** The contract on two nodes over the local Redis (127.0.0.1:6379), a real connection each. */
class RedisFanOutTest extends FanOutContract {

    private final Vertx vertx = Vertx.vertx();

    @Override
    void startNodes() throws Exception {
        for (String name : List.of("a", "b")) {
            RecordingNode node = new RecordingNode();
            nodes.add(node);
            fanOuts.add(new RedisFanOut(node, FRAMES, new ObjectMapper(), Redis.createClient(vertx, "redis://127.0.0.1:6379"),
                    vertx.getDelegate(), "contract-" + name + "-" + UUID.randomUUID()));
        }
        awaitSubscribed();
    }

    /** The subscriptions open in the background: a probe from each node reaches the other once they are in place. */
    private void awaitSubscribed() throws InterruptedException {
        for (int from = 0; from < 2; from++) {
            RecordingNode other = nodes.get(1 - from);
            long deadline = System.currentTimeMillis() + 10_000;
            while (other.probes() == 0 && System.currentTimeMillis() < deadline) {
                fanOuts.get(from).send(RecordingNode.PROBE, new ServerEvent.Pong(null));
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stop() {
        vertx.closeAndAwait();
    }
}

package org.majlis.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.ContextInternal;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Blocking work on a real Vert.x: in order per connection, side by side across connections. Each
 * connection runs on a duplicate of its event loop's context, as websockets-next gives it.
 */
class OffloadTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    /** Nothing here fails, so no answer is refused: no registry or stop is needed. */
    private final Offload offload = new Offload(vertx, null, null);
    private final ContextInternal eventLoop = (ContextInternal) vertx.getOrCreateContext();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aConnectionDoesNotWaitForAnothersWork() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> quick = new CompletableFuture<>();
        Session slow = new Session(null, "127.0.0.1");
        Session other = new Session(null, "127.0.0.1");
        try {
            onConnection(() -> offload.run(slow, null, "slow", () -> release.await(30, TimeUnit.SECONDS), done -> { }));
            onConnection(() -> offload.run(other, null, "quick", () -> "answered", quick::complete));
            // with Vert.x' ordered executeBlocking, the second waited behind the first (one queue per event loop)
            assertEquals("answered", quick.get(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aConnectionsWorkRunsInOrderEachAfterTheAnswerBefore() throws Exception {
        Session session = new Session(null, "127.0.0.1");
        List<String> steps = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> idleAfterwards = new CompletableFuture<>();
        ContextInternal connection = eventLoop.duplicate();
        connection.runOnContext(v -> {
            offload.run(session, null, "first", () -> {
                Thread.sleep(200); // the second would start meanwhile if it did not wait
                return steps.add("first work");
            }, done -> steps.add("first answer"));
            offload.run(session, null, "second", () -> steps.add("second work"), done -> {
                steps.add("second answer");
                connection.runOnContext(later -> idleAfterwards.complete(session.offloaded == null));
            });
        });
        assertTrue(idleAfterwards.get(10, TimeUnit.SECONDS), "an idle connection holds no future");
        assertEquals(List.of("first work", "first answer", "second work", "second answer"), Collections.unmodifiableList(steps));
    }

    private void onConnection(Runnable action) {
        eventLoop.duplicate().runOnContext(v -> action.run());
    }
}

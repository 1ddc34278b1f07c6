package org.majlis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * A connection storm against the packaged server: 5,000 clients connect and log in as fast as
 * 100 logins in flight allow, then all disconnect at once. An observer sees every one come and
 * go in a few batched presence events, its list of online users is right, and its pings are
 * answered throughout. Times are printed, not asserted beyond generous bounds.
 */
class StormIT {

    private static final int CLIENTS = Integer.getInteger("storm.clients", 5000);

    @Test
    void fiveThousandComeAndGoAndPresenceStaysRight() throws Exception {
        Path data = ServerProcess.tempDir("storm-");
        try (ServerProcess server = ServerProcess.start(data, data.resolve("server.log"),
                "-Dmajlis.limits.logins-per-second=100000", "-Dmajlis.limits.logins-burst=100000",
                "-Dmajlis.limits.connections-per-address=100000");
                TestClient observer = TestClient.guest(server.ws(), Unique.name("watch"))) {
            Pinger pinger = new Pinger(observer);
            pinger.start();
            long t0 = System.nanoTime();
            ClientPool pool = new ClientPool(server.port(), CLIENTS, 1);
            pool.connectAll(Duration.ofSeconds(180));
            double loginSeconds = (System.nanoTime() - t0) / 1e9;

            Set<String> online = new HashSet<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (online.size() < CLIENTS && System.currentTimeMillis() < deadline) {
                observer.send("users", "u", Json.object());
                online.clear();
                observer.await("users", e -> true, null, Duration.ofSeconds(30)).path("payload").path("users")
                        .forEach(u -> online.add(u.path("username").asText()));
                online.removeIf(name -> !name.matches("b\\d+"));
            }
            assertEquals(CLIENTS, online.size(), "every client of the storm is listed online");

            long t1 = System.nanoTime();
            pool.close();
            Set<String> wentOffline = new HashSet<>();
            int presenceEvents = 0;
            deadline = System.currentTimeMillis() + 60_000;
            while (wentOffline.size() < CLIENTS && System.currentTimeMillis() < deadline) {
                JsonNode presence = observer.await("presence", e -> true, null, Duration.ofSeconds(60));
                presenceEvents++;
                for (JsonNode change : presence.path("payload").path("changes")) {
                    if ("offline".equals(change.path("status").asText())) {
                        wentOffline.add(change.path("username").asText());
                    }
                }
            }
            double offlineSeconds = (System.nanoTime() - t1) / 1e9;
            pinger.stop();
            assertTrue(wentOffline.containsAll(online), "every client went offline: " + wentOffline.size() + " of " + CLIENTS);
            System.out.printf("StormIT: %d logins in %.1f s, all offline after %.1f s in %d presence events;"
                    + " slowest ping during the storm %d ms%n", CLIENTS, loginSeconds, offlineSeconds, presenceEvents,
                    pinger.slowestMillis.get());
            assertTrue(presenceEvents < CLIENTS / 10, "presence is batched: " + presenceEvents + " events");
            assertTrue(pinger.slowestMillis.get() < 10_000, "the server stays responsive: " + pinger.slowestMillis.get() + " ms");
        }
    }

    /** Pings every 200 ms and keeps the slowest answer. */
    private static final class Pinger {
        private final TestClient client;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong slowestMillis = new AtomicLong();
        private Thread thread;

        Pinger(TestClient client) {
            this.client = client;
        }

        void start() {
            thread = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    long sent = System.nanoTime();
                    client.send("{\"type\":\"ping\"}");
                    client.await("pong", e -> true, null, Duration.ofSeconds(60));
                    slowestMillis.accumulateAndGet((System.nanoTime() - sent) / 1_000_000, Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

}

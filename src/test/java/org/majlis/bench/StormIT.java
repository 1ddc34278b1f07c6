package org.majlis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * A connection storm against the packaged server: 5,000 clients connect and log in as fast as
 * 100 logins in flight allow, then all disconnect at once. Far above the presence threshold, an
 * observer finds every one in the pages of {@code users}, hears of the 500 it subscribes to going
 * offline and of nobody else, and its pings are answered throughout. Times are printed, not asserted beyond generous bounds.
 */
class StormIT {

    private static final int CLIENTS = Integer.getInteger("storm.clients", 5000);
    /** Clients the observer subscribes to (the most a connection may). */
    private static final int WATCHED = 500;

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

            // above the presence threshold, users comes in pages
            Set<String> online = new TreeSet<>();
            long deadline = System.currentTimeMillis() + 30_000;
            int requests = 0;
            while (online.size() < CLIENTS && System.currentTimeMillis() < deadline) {
                online.clear();
                String after = null;
                do {
                    String id = "u" + requests++;
                    observer.send("users", id, after == null ? Json.object("prefix", "b", "limit", 500)
                            : Json.object("prefix", "b", "after", after, "limit", 500));
                    JsonNode page = observer.awaitAnswer(id).path("payload");
                    page.path("users").forEach(u -> online.add(u.path("username").asText()));
                    after = page.path("next").asText(null);
                } while (after != null);
                online.removeIf(name -> !name.matches("b\\d+"));
            }
            assertEquals(CLIENTS, online.size(), "every client of the storm is listed online");
            // the observer shows some of them: it hears of those going offline, and of nobody else
            List<String> watched = online.stream().limit(WATCHED).toList();
            observer.send("presence_subscribe", "watch", Json.object("users", watched));
            observer.awaitAnswer("watch");
            observer.drain("presence");

            long t1 = System.nanoTime();
            pool.close();
            Set<String> wentOffline = new HashSet<>();
            Set<String> othersWhileSubscribed = new HashSet<>();
            boolean everyoneAgain = false; // below 80 % of the threshold, every change goes to everyone again
            int presenceEvents = 0;
            deadline = System.currentTimeMillis() + 60_000;
            while (!wentOffline.containsAll(watched) && System.currentTimeMillis() < deadline) {
                JsonNode presence = observer.await("presence", e -> true, null, Duration.ofSeconds(60));
                presenceEvents++;
                everyoneAgain |= "all".equals(presence.path("payload").path("scope").asText());
                for (JsonNode change : presence.path("payload").path("changes")) {
                    String name = change.path("username").asText();
                    if ("offline".equals(change.path("status").asText())) {
                        wentOffline.add(name);
                        if (!everyoneAgain && !watched.contains(name)) {
                            othersWhileSubscribed.add(name);
                        }
                    }
                }
            }
            double offlineSeconds = (System.nanoTime() - t1) / 1e9;
            pinger.stop();
            assertTrue(wentOffline.containsAll(watched), "every watched client went offline: " + wentOffline.size());
            assertEquals(Set.of(), othersWhileSubscribed, "above the threshold, nobody else's change came to the observer");
            System.out.printf("StormIT: %d logins in %.1f s, the %d watched offline after %.1f s in %d presence events;"
                    + " slowest ping during the storm %d ms%n", CLIENTS, loginSeconds, WATCHED, offlineSeconds, presenceEvents,
                    pinger.slowestMillis.get());
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

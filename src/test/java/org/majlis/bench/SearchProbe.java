package org.majlis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/**
 * One guest searching while a load runs. Before the load it sends {@link #NEEDLES} messages with
 * a word of their own to a second guest (not in general, whose clients would get them) and times
 * searches for it on the idle server (the same run's reference); during the load it asks the same
 * search every {@code bench.search.interval} ms (100 by default) and times each answer sent in the
 * measured time. Every answer must hold all the needles: one that does not is counted as a miss.
 */
final class SearchProbe implements MeasuredLoad.Probe {

    private static final int NEEDLES = 20;
    private static final int IDLE_QUERIES = 60;
    private static final int IDLE_UNMEASURED = 10;
    private static final String WORD = "needle";
    private static final Duration INTERVAL = Duration.ofMillis(Long.getLong("bench.search.interval", 100));

    private final Histogram idle = new Histogram();
    private final Histogram loaded = new Histogram();
    private TestClient client;
    private TestClient peer;
    private Thread searcher;
    private int queries;
    private int misses;
    /** What stopped the searcher (a refused or missing answer), read after it ended. */
    private Throwable failure;

    @Override
    public void ready(ServerProcess server) {
        client = TestClient.guest(server.ws(), "searcher");
        peer = TestClient.guest(server.ws(), "searched");
        for (int i = 0; i < NEEDLES; i++) {
            client.send("private_message", "n" + i, Json.object("message", WORD + " " + i, "to", "searched"));
            client.awaitAck("n" + i);
        }
        for (int i = 0; i < IDLE_QUERIES; i++) {
            long micros = search();
            if (i >= IDLE_UNMEASURED) {
                idle.record(micros);
            }
        }
    }

    @Override
    public void loadStarted(long measureFrom, long measureTo) {
        searcher = Thread.ofPlatform().name("bench-searcher").start(() -> {
            try {
                for (long next = System.nanoTime(); next < measureTo; next += INTERVAL.toNanos()) {
                    Benchmark.sleepUntil(next);
                    long sentAt = System.nanoTime();
                    long micros = search();
                    if (sentAt >= measureFrom && sentAt < measureTo) {
                        loaded.record(micros);
                        queries++;
                    }
                }
            } catch (Exception | AssertionError e) {
                failure = e;
            }
        });
    }

    @Override
    public void report(Result result) throws Exception {
        searcher.join();
        client.close();
        peer.close();
        if (failure != null) {
            throw new IllegalStateException("the searcher stopped", failure);
        }
        result.put("searches", queries, "")
                .put("search-misses", misses, "")
                .put("search-p50", loaded.percentileMs(0.50), "ms")
                .put("search-p90", loaded.percentileMs(0.90), "ms")
                .put("search-p99", loaded.percentileMs(0.99), "ms")
                .put("search-max", loaded.maxMs(), "ms")
                .put("idle-search-p50", idle.percentileMs(0.50), "ms")
                .put("idle-search-p99", idle.percentileMs(0.99), "ms");
    }

    /** One search for the needles: its answer's latency in µs. */
    private long search() {
        String id = "s" + System.nanoTime();
        long t0 = System.nanoTime();
        client.send("search", id, Json.object("query", WORD, "limit", NEEDLES));
        JsonNode answer = client.awaitAnswer(id);
        long micros = (System.nanoTime() - t0) / 1000;
        if (!"search".equals(answer.path("type").asText())) {
            throw new IllegalStateException("search refused: " + answer);
        }
        if (answer.path("payload").path("hits").size() != NEEDLES) {
            misses++;
        }
        client.drain("presence");
        client.drain("new_message");
        return micros;
    }
}

package org.majlis.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.majlis.testing.ServerProcess;

/**
 * The scenarios of many connections: held idle, logging in as a wave, coming back after a
 * restart, and the training run that records a JDK AOT cache.
 */
final class Waves {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Clients of the login wave that show the one that leaves. */
    private static final int WATCHERS = 50;
    /** Of the training's clients, these send to general while all of them receive. */
    private static final int TRAINING_SENDERS = 4;

    private final ServerLauncher launcher;
    private final int connections;
    private final Duration duration;

    Waves(ServerLauncher launcher, int connections, Duration duration) {
        this.launcher = launcher;
        this.connections = connections;
        this.duration = duration;
    }

    /** 10,000 (--connections) logged-in connections held open: what each costs the server in RSS and live heap. */
    Result idle() throws Exception {
        try (ServerProcess server = launcher.start("idle", null, List.of());
                ClientPool pool = new ClientPool(server.port(), connections, 1)) {
            server.awaitReady(Duration.ofSeconds(60));
            long heapBefore = ProcStats.liveHeapKib(server.pid());
            long rssBefore = ProcStats.rssKib(server.pid());
            long t0 = System.nanoTime();
            pool.connectAll(Duration.ofSeconds(600));
            double loginSeconds = Benchmark.seconds(System.nanoTime() - t0);
            System.out.printf("  %d connections logged in in %.1fs%n", connections, loginSeconds);
            Thread.sleep(2000); // the presence events of the last logins go out first
            Sample a = Sample.of(server);
            Thread.sleep(duration.toMillis());
            Sample b = Sample.of(server);
            long heapAfter = ProcStats.liveHeapKib(server.pid());
            long rssAfter = ProcStats.rssKib(server.pid());
            pool.close();
            Stats stats = pool.stats();
            return new Result("idle")
                    .put("connections", connections, "")
                    .put("login-time", loginSeconds, "s")
                    .put("rss-before", rssBefore / 1024.0, "MiB")
                    .put("rss", rssAfter / 1024.0, "MiB")
                    .put("rss/conn", (rssAfter - rssBefore) / (double) connections, "KiB")
                    .put("heap-before", heapBefore / 1024.0, "MiB")
                    .put("heap", heapAfter / 1024.0, "MiB")
                    .put("heap/conn", (heapAfter - heapBefore) / (double) connections, "KiB")
                    .put("server-cpu", b.serverPercent(a), "%")
                    .put("gen-cpu", b.ownPercent(a), "%")
                    .put("others-cpu", b.othersPercent(a), "%").put("steal", b.stealPercent(a), "%")
                    .put("errors", stats.errors, "")
                    .put("closed", stats.closed, "");
        }
    }

    /**
     * 10,000 (--connections) guests log in, 100 in flight, twice: on the fresh process (cold: the
     * JIT compiles as they come), then, after they left, 10,000 others (warm). How long each wave
     * takes and the bytes the second one sends; then one of them, which 50 others subscribed to,
     * goes offline: how many presence frames that costs (everyone, or those that show the user,
     * depending on the presence scope).
     */
    Result loginWave() throws Exception {
        try (ServerProcess server = launcher.start("login-wave", null, List.of())) {
            server.awaitReady(Duration.ofSeconds(60));
            double coldSeconds;
            try (ClientPool first = new ClientPool(server.port(), connections, CORES, "c")) {
                coldSeconds = timedWave(first);
            }
            Thread.sleep(3000); // the first wave's departures are over
            try (ClientPool pool = new ClientPool(server.port(), connections, CORES)) {
                Sample a = Sample.of(server);
                double loginSeconds = timedWave(pool);
                Sample b = Sample.of(server);
                Thread.sleep(2000); // the presence events of the last logins go out
                long waveBytes = pool.bytesIn.sum();
                int leaving = connections / 2;
                for (int i = 0; i < WATCHERS; i++) {
                    pool.clients[i].subscribeTo(pool.name(leaving));
                }
                Thread.sleep(1000);
                long presenceBefore = pool.presenceFrames.sum();
                pool.clients[leaving].channel().close();
                Thread.sleep(2000);
                long offlineFrames = pool.presenceFrames.sum() - presenceBefore;
                long rss = ProcStats.rssKib(server.pid());
                pool.close();
                return new Result("login-wave")
                        .put("connections", connections, "")
                        .put("cold-login-time", coldSeconds, "s")
                        .put("login-time", loginSeconds, "s")
                        .put("wave-bytes", waveBytes / 1e6, "MB")
                        .put("offline-frames", offlineFrames, "")
                        .put("server-cpu", b.serverPercent(a), "%")
                        .put("gen-cpu", b.ownPercent(a), "%")
                        .put("others-cpu", b.othersPercent(a), "%").put("steal", b.stealPercent(a), "%")
                        .put("rss", rss / 1024.0, "MiB")
                        .put("errors", pool.stats().errors, "");
            }
        }
    }

    /**
     * A rolling deploy: 10,000 (--connections) guests are logged in when their node stops
     * (SIGTERM: 1012 to each); a new process on the same data comes up and all of them come back
     * with the session tokens of their welcomes, 100 in flight. How long that takes on the cold
     * process, and how many were refused (none should be).
     */
    Result restartWave() throws Exception {
        Path data = ServerProcess.tempDir("majlis-restart-");
        String[] tokens;
        try (ServerProcess before = launcher.start("restart-wave-before", data, List.of());
                ClientPool pool = new ClientPool(before.port(), connections, CORES)) {
            before.awaitReady(Duration.ofSeconds(60));
            timedWave(pool);
            tokens = pool.tokens.clone();
            before.close(); // graceful: every client is told to come back
        }
        try (ServerProcess server = launcher.start("restart-wave", data, List.of());
                ClientPool pool = new ClientPool(server.port(), connections, CORES)) {
            server.awaitReady(Duration.ofSeconds(60));
            System.arraycopy(tokens, 0, pool.tokens, 0, tokens.length);
            Sample a = Sample.of(server);
            double seconds = timedWave(pool);
            Sample b = Sample.of(server);
            pool.close();
            return new Result("restart-wave")
                    .put("connections", connections, "")
                    .put("login-time", seconds, "s")
                    .put("refused", pool.stats().errors, "")
                    .put("server-cpu", b.serverPercent(a), "%")
                    .put("gen-cpu", b.ownPercent(a), "%")
                    .put("others-cpu", b.othersPercent(a), "%").put("steal", b.stealPercent(a), "%");
        } finally {
            ServerProcess.delete(data);
        }
    }

    /** Connects and logs in the whole pool; the seconds it took. */
    private double timedWave(ClientPool pool) throws Exception {
        long t0 = System.nanoTime();
        pool.connectAll(Duration.ofSeconds(600));
        double seconds = Benchmark.seconds(System.nanoTime() - t0);
        System.out.printf("  %d logged in in %.1fs%n", pool.clients.length, seconds);
        return seconds;
    }

    /**
     * What a node does in its first minutes, for the JVM to record (the server's own flags say
     * where, {@code -XX:AOTCacheOutput}): --connections new guests log in, leave, come back with
     * their tokens, and a few of them talk in general for a few seconds; then the server stops
     * gracefully, and the JVM writes the cache as it exits.
     */
    Result training() throws Exception {
        try (ServerProcess server = launcher.start("training", null, List.of())) {
            server.awaitReady(Duration.ofSeconds(60));
            String[] tokens;
            try (ClientPool first = new ClientPool(server.port(), connections, CORES)) {
                timedWave(first);
                tokens = first.tokens.clone();
            }
            Thread.sleep(1000); // they have left
            try (ClientPool pool = new ClientPool(server.port(), connections, CORES)) {
                System.arraycopy(tokens, 0, pool.tokens, 0, tokens.length);
                timedWave(pool);
                int[] senders = IntStream.range(0, TRAINING_SENDERS).toArray();
                for (BenchClient client : pool.clients) {
                    client.expect(senders, null);
                }
                long[] window = pool.start(senders, 50, 0, connections, Duration.ofSeconds(1), duration);
                Benchmark.sleepUntil(window[1]);
            }
            long t0 = System.nanoTime();
            server.stop(Duration.ofMinutes(3)); // the JVM assembles the cache before it exits
            return new Result("training").put("connections", connections, "")
                    .put("exit", Benchmark.seconds(System.nanoTime() - t0), "s");
        }
    }
}

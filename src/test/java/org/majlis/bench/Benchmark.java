package org.majlis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.majlis.testing.ServerProcess;

/**
 * The Majlis benchmark: starts the packaged server once per scenario, loads it from this JVM and
 * prints one RESULT line per scenario, a table at the end, and appends JSON lines to
 * {@code <out>/results.jsonl}.
 *
 * <pre>
 * Benchmark --jar target/quarkus-app/quarkus-run.jar --out target/bench [--server-arg X]...
 *           [--duration SECONDS] [--warmup SECONDS] (broadcast|broadcast-max|broadcast-slow|private|store|store-max|idle|login-wave|restart-wave|startup|all|soak)...
 *           [--connections N]
 *
 * soak is not part of all: run it on its own with a long --duration (600 s at least).
 * </pre>
 */
public final class Benchmark {

    private static final List<String> SCENARIOS = List.of("broadcast", "broadcast-max", "broadcast-slow", "private", "store",
            "store-max", "idle", "login-wave", "restart-wave", "startup");
    private static final int CLIENTS = 1000;
    private static final int STORE_CLIENTS = 50;
    private static final int SLOW_READERS = 50;
    private static final int DEFAULT_IDLE_CONNECTIONS = 10_000;
    /** Clients of the login wave that show the one that leaves. */
    private static final int WATCHERS = 50;
    /** The soak: 100 clients in general, all sending, 100 messages/s in total (10,000 deliveries/s). */
    private static final int SOAK_CLIENTS = 100;
    private static final double SOAK_RATE = 100;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /**
     * The server's JVM: fixed heap bounds so runs compare; no AlwaysPreTouch so RSS shows what the server
     * really touches; ParallelGC like the load generator, for throughput and a cheap full GC before heap readings.
     */
    private static final List<String> SERVER_JVM = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError");

    private Path jar;
    private Path out = Path.of("target/bench");
    private final List<String> serverArgs = new ArrayList<>();
    private Duration duration = Duration.ofSeconds(15);
    private Duration warmup = Duration.ofSeconds(10);
    /** Connections of the idle and login-wave scenarios. */
    private int idleConnections = DEFAULT_IDLE_CONNECTIONS;
    private final List<String> scenarios = new ArrayList<>();

    /** CPU times at one instant: others' CPU tells whether something else on the machine disturbed a run. */
    private record Sample(long wall, long serverCpu, long ownCpu, long machineCpu) {
        static Sample of(ServerProcess server) {
            return new Sample(System.nanoTime(), ProcStats.cpuNanos(server.pid()), ProcStats.ownCpuNanos(),
                    ProcStats.machineCpuNanos());
        }

        /** Share of all cores used by processes other than the server and the generator since before. */
        double othersPercent(Sample before) {
            long others = (machineCpu - before.machineCpu) - (serverCpu - before.serverCpu) - (ownCpu - before.ownCpu);
            return Math.max(0, 100.0 * others / (wall - before.wall) / CORES);
        }
    }

    public static void main(String[] args) throws Exception {
        Benchmark bench = new Benchmark();
        try {
            bench.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Benchmark --jar JAR [--out DIR] [--server-arg X]... [--duration S] [--warmup S] [--connections N] "
                    + "(" + String.join("|", SCENARIOS) + "|all|soak)...");
            System.exit(2);
        }
        System.exit(bench.run() ? 0 : 1);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--jar" -> jar = Path.of(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--server-arg" -> serverArgs.add(value(args, ++i, arg));
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--connections" -> idleConnections = Integer.parseInt(value(args, ++i, arg));
                case "all" -> scenarios.addAll(SCENARIOS);
                default -> {
                    if (!SCENARIOS.contains(arg) && !"soak".equals(arg)) {
                        throw new IllegalArgumentException("unknown argument: " + arg);
                    }
                    scenarios.add(arg);
                }
            }
        }
        if (jar == null || scenarios.isEmpty()) {
            throw new IllegalArgumentException("--jar and at least one scenario are required");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private boolean run() throws IOException {
        Files.createDirectories(out);
        System.out.printf("majlis benchmark: %s, warm-up %ds, measured %ds, %d cores, server JVM %s, server args %s%n",
                scenarios, warmup.toSeconds(), duration.toSeconds(), CORES, SERVER_JVM, serverArgs);
        List<Result> results = new ArrayList<>();
        boolean ok = true;
        for (String scenario : scenarios) {
            System.out.println("== " + scenario);
            try {
                Result result = switch (scenario) {
                    case "broadcast" -> broadcast(scenario, 200, 0, 1);
                    case "broadcast-max" -> broadcast(scenario, 0, 16, 2);
                    case "broadcast-slow" -> broadcastWithSlowReaders();
                    case "private" -> privateChat();
                    case "store" -> store(scenario, 1000, 0);
                    case "store-max" -> store(scenario, 0, 64);
                    case "idle" -> idle();
                    case "login-wave" -> loginWave();
                    case "restart-wave" -> restartWave();
                    case "soak" -> soak();
                    default -> startup();
                };
                System.out.println(result.line());
                Files.writeString(out.resolve("results.jsonl"), result.json() + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                results.add(result);
            } catch (Exception e) {
                ok = false;
                System.out.println("FAILED scenario=" + scenario + ": " + e);
                e.printStackTrace(System.out);
            }
        }
        Result.printTable(results);
        return ok;
    }

    /**
     * 1000 clients in general, clients 0 and 1 sending: at rate messages/s in total, or (window > 0)
     * each with window messages in flight, so 2 * window not yet received by all 1000.
     */
    private Result broadcast(String name, double rate, int window, int threads) throws Exception {
        int[] senders = {0, 1};
        return load(name, CLIENTS, threads, senders, c -> c.expect(senders, null),
                pool -> pool.start(senders, rate, window, CLIENTS, warmup, duration));
    }

    /**
     * {@code broadcast} again with 50 more clients in general that read one byte a second: the
     * latency of the 1000 others is compared with {@code broadcast}'s.
     */
    private Result broadcastWithSlowReaders() throws Exception {
        int[] senders = {0, 1};
        SlowReaders[] slow = new SlowReaders[1];
        try {
            Result result = load("broadcast-slow", CLIENTS, 1, senders, c -> c.expect(senders, null), pool -> {
                try {
                    slow[0] = new SlowReaders(pool.port(), SLOW_READERS);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return pool.start(senders, 200, 0, CLIENTS, warmup, duration);
            });
            return result.put("slow-readers", SLOW_READERS, "").put("slow-ended", slow[0].ended(), "");
        } finally {
            if (slow[0] != null) {
                slow[0].close();
            }
        }
    }

    /** 500 pairs (2p, 2p+1), both sides sending: each message reaches the recipient and echoes to the sender. */
    private Result privateChat() throws Exception {
        int[] senders = IntStream.range(0, CLIENTS).toArray();
        return load("private", CLIENTS, 1, senders, c -> c.expect(new int[] {c.index ^ 1, c.index}, "b" + (c.index ^ 1)),
                pool -> pool.start(senders, 5000, 0, 2, warmup, duration));
    }

    /**
     * Storing: 50 clients in general all sending, at rate messages/s in total or (window > 0) with
     * window messages not yet acked in total. Few clients so the broadcast stays small next to the
     * store; each still receives every message, and those deliveries are counted.
     */
    private Result store(String name, double rate, int window) throws Exception {
        int[] senders = IntStream.range(0, STORE_CLIENTS).toArray();
        return load(name, STORE_CLIENTS, window > 0 ? 2 : 1, senders, c -> c.expect(senders, null),
                pool -> window > 0 ? pool.startAcked(senders, window, STORE_CLIENTS, warmup, duration)
                        : pool.start(senders, rate, 0, STORE_CLIENTS, warmup, duration));
    }

    /**
     * A long steady load (the whole --duration): every message must reach every client, no
     * connection may be closed or stuck, and the live heap (after a full GC) must not grow
     * between the end of the warm-up and the end of the run.
     */
    private Result soak() throws Exception {
        int[] senders = IntStream.range(0, SOAK_CLIENTS).toArray();
        return load("soak", SOAK_CLIENTS, 1, senders, c -> c.expect(senders, null),
                pool -> pool.start(senders, SOAK_RATE, 0, SOAK_CLIENTS, warmup, duration), true);
    }

    /** Clients b0..b{clients-1} logged in, then the load that start begins; measured from the clients' side. */
    private Result load(String name, int clients, int threads, int[] senders, Consumer<BenchClient> expectations,
            Function<ClientPool, long[]> start) throws Exception {
        return load(name, clients, threads, senders, expectations, start, false);
    }

    /** As above; with heapCheck, the live heap after a full GC at the start and at the end of the measured time. */
    private Result load(String name, int clients, int threads, int[] senders, Consumer<BenchClient> expectations,
            Function<ClientPool, long[]> start, boolean heapCheck) throws Exception {
        try (ServerProcess server = startServer(name); ClientPool pool = new ClientPool(server.port(), clients, threads)) {
            server.awaitReady(Duration.ofSeconds(60));
            long t0 = System.nanoTime();
            pool.connectAll(Duration.ofSeconds(120));
            System.out.printf("  %d clients logged in in %.1fs, %d generator thread(s)%n", clients, seconds(System.nanoTime() - t0), threads);
            for (BenchClient c : pool.clients) {
                expectations.accept(c);
            }
            Thread.sleep(1000); // the presence events of the last logins go out first
            long[] measured = start.apply(pool);
            sleepUntil(measured[0]);
            long heapStart = heapCheck ? ProcStats.liveHeapKib(server.pid()) : 0;
            Sample a = Sample.of(server);
            sleepUntil(measured[1]);
            Sample b = Sample.of(server);
            long heapEnd = heapCheck ? ProcStats.liveHeapKib(server.pid()) : 0;
            long rss = ProcStats.rssKib(server.pid());
            if (!pool.awaitDelivered(DRAIN)) {
                System.out.println("  not every message was delivered " + DRAIN.toSeconds() + "s after the load stopped");
            }
            pool.close(); // stops the event loops: their observations can be read from here
            Stats stats = pool.stats();
            ClientPool.Losses losses = pool.losses(senders);
            double wall = b.wall() - a.wall();
            long acked = losses.sent() - losses.unacked();
            Result r = new Result(name)
                    .put("sent", losses.sent(), "")
                    .put("delivered", stats.delivered, "")
                    .put("lost", losses.lost(), "")
                    .put("dup", stats.duplicates, "")
                    .put("ooo", stats.outOfOrder, "")
                    .put("rate", stats.delivered / (wall / 1e9), "/s")
                    .put("p50", stats.delivery.percentileMs(0.50), "ms")
                    .put("p90", stats.delivery.percentileMs(0.90), "ms")
                    .put("p99", stats.delivery.percentileMs(0.99), "ms")
                    .put("max", stats.delivery.maxMs(), "ms")
                    .put("acked", acked, "")
                    .put("stored", acked / (wall / 1e9), "/s")
                    .put("ack-p50", stats.ack.percentileMs(0.50), "ms")
                    .put("ack-p90", stats.ack.percentileMs(0.90), "ms")
                    .put("ack-p99", stats.ack.percentileMs(0.99), "ms")
                    .put("ack-max", stats.ack.maxMs(), "ms")
                    .put("cpu/delivery", (b.serverCpu() - a.serverCpu()) / 1000.0 / Math.max(1, stats.delivered), "us")
                    .put("rss", rss / 1024.0, "MiB")
                    .put("gen-cpu", 100.0 * (b.ownCpu() - a.ownCpu()) / wall / CORES, "%")
                    .put("server-cpu", 100.0 * (b.serverCpu() - a.serverCpu()) / wall / CORES, "%")
                    .put("gen-cpu/delivery", (b.ownCpu() - a.ownCpu()) / 1000.0 / Math.max(1, stats.delivered), "us")
                    .put("others-cpu", b.othersPercent(a), "%");
            if (pool.clients[0].isPrivate()) {
                r.put("echoes", stats.echoes, "").put("echo-lost", losses.echoLost(), "");
            }
            if (heapCheck) {
                r.put("heap-start", heapStart / 1024.0, "MiB").put("heap-end", heapEnd / 1024.0, "MiB");
            }
            return r.put("unacked", losses.unacked(), "")
                    .put("seq-errors", stats.seqErrors, "")
                    .put("stray", stats.stray, "")
                    .put("errors", stats.errors, "")
                    .put("closed", stats.closed, "");
        }
    }

    /** 10,000 (--connections) logged-in connections held open: what each costs the server in RSS and live heap. */
    private Result idle() throws Exception {
        try (ServerProcess server = startServer("idle");
                ClientPool pool = new ClientPool(server.port(), idleConnections, 1)) {
            server.awaitReady(Duration.ofSeconds(60));
            long heapBefore = ProcStats.liveHeapKib(server.pid());
            long rssBefore = ProcStats.rssKib(server.pid());
            long t0 = System.nanoTime();
            pool.connectAll(Duration.ofSeconds(600));
            double loginSeconds = seconds(System.nanoTime() - t0);
            System.out.printf("  %d connections logged in in %.1fs%n", idleConnections, loginSeconds);
            Thread.sleep(2000); // the presence events of the last logins go out first
            Sample a = Sample.of(server);
            Thread.sleep(duration.toMillis());
            Sample b = Sample.of(server);
            long heapAfter = ProcStats.liveHeapKib(server.pid());
            long rssAfter = ProcStats.rssKib(server.pid());
            pool.close();
            Stats stats = pool.stats();
            double wall = b.wall() - a.wall();
            return new Result("idle")
                    .put("connections", idleConnections, "")
                    .put("login-time", loginSeconds, "s")
                    .put("rss-before", rssBefore / 1024.0, "MiB")
                    .put("rss", rssAfter / 1024.0, "MiB")
                    .put("rss/conn", (rssAfter - rssBefore) / (double) idleConnections, "KiB")
                    .put("heap-before", heapBefore / 1024.0, "MiB")
                    .put("heap", heapAfter / 1024.0, "MiB")
                    .put("heap/conn", (heapAfter - heapBefore) / (double) idleConnections, "KiB")
                    .put("server-cpu", 100.0 * (b.serverCpu() - a.serverCpu()) / wall / CORES, "%")
                    .put("gen-cpu", 100.0 * (b.ownCpu() - a.ownCpu()) / wall / CORES, "%")
                    .put("others-cpu", b.othersPercent(a), "%")
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
    private Result loginWave() throws Exception {
        try (ServerProcess server = startServer("login-wave")) {
            server.awaitReady(Duration.ofSeconds(60));
            double coldSeconds;
            try (ClientPool first = new ClientPool(server.port(), idleConnections, CORES, "c")) {
                coldSeconds = timedWave(first);
            }
            Thread.sleep(3000); // the first wave's departures are over
            try (ClientPool pool = new ClientPool(server.port(), idleConnections, CORES)) {
                Sample a = Sample.of(server);
                double loginSeconds = timedWave(pool);
                Sample b = Sample.of(server);
                Thread.sleep(2000); // the presence events of the last logins go out
                long waveBytes = pool.bytesIn.sum();
                int leaving = idleConnections / 2;
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
                double wall = b.wall() - a.wall();
                return new Result("login-wave")
                        .put("connections", idleConnections, "")
                        .put("cold-login-time", coldSeconds, "s")
                        .put("login-time", loginSeconds, "s")
                        .put("wave-bytes", waveBytes / 1e6, "MB")
                        .put("offline-frames", offlineFrames, "")
                        .put("server-cpu", 100.0 * (b.serverCpu() - a.serverCpu()) / wall / CORES, "%")
                        .put("gen-cpu", 100.0 * (b.ownCpu() - a.ownCpu()) / wall / CORES, "%")
                        .put("others-cpu", b.othersPercent(a), "%")
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
    private Result restartWave() throws Exception {
        Path data = ServerProcess.tempDir("majlis-restart-");
        String[] tokens;
        try (ServerProcess before = startServer("restart-wave-before", data);
                ClientPool pool = new ClientPool(before.port(), idleConnections, CORES)) {
            before.awaitReady(Duration.ofSeconds(60));
            timedWave(pool);
            tokens = pool.tokens.clone();
            before.close(); // graceful: every client is told to come back
        }
        try (ServerProcess server = startServer("restart-wave", data);
                ClientPool pool = new ClientPool(server.port(), idleConnections, CORES)) {
            server.awaitReady(Duration.ofSeconds(60));
            System.arraycopy(tokens, 0, pool.tokens, 0, tokens.length);
            Sample a = Sample.of(server);
            double seconds = timedWave(pool);
            Sample b = Sample.of(server);
            pool.close();
            double wall = b.wall() - a.wall();
            return new Result("restart-wave")
                    .put("connections", idleConnections, "")
                    .put("login-time", seconds, "s")
                    .put("refused", pool.stats().errors, "")
                    .put("server-cpu", 100.0 * (b.serverCpu() - a.serverCpu()) / wall / CORES, "%")
                    .put("gen-cpu", 100.0 * (b.ownCpu() - a.ownCpu()) / wall / CORES, "%")
                    .put("others-cpu", b.othersPercent(a), "%");
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Connects and logs in the whole pool; the seconds it took. */
    private double timedWave(ClientPool pool) throws Exception {
        long t0 = System.nanoTime();
        pool.connectAll(Duration.ofSeconds(600));
        double seconds = seconds(System.nanoTime() - t0);
        System.out.printf("  %d logged in in %.1fs%n", pool.clients.length, seconds);
        return seconds;
    }

    /** From the server process start to the first welcome, polling with a fresh connection every few ms. */
    private Result startup() throws Exception {
        long t0 = System.nanoTime();
        try (ServerProcess server = startServer("startup"); ClientPool pool = new ClientPool(server.port(), 1, 1)) {
            while (true) {
                server.requireAlive();
                try {
                    pool.connect(0).get(10, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException notYet) {
                    if (System.nanoTime() - t0 > Duration.ofSeconds(60).toNanos()) {
                        throw new IllegalStateException("no welcome within 60s", notYet.getCause());
                    }
                    Thread.sleep(5);
                }
            }
            double millis = (System.nanoTime() - t0) / 1e6;
            long rss = ProcStats.rssKib(server.pid());
            return new Result("startup").put("first-welcome", millis, "ms").put("rss", rss / 1024.0, "MiB");
        }
    }

    /** Starts the server without waiting, on a fresh data directory; its log holds this run only. */
    private ServerProcess startServer(String scenario) throws IOException {
        return startServer(scenario, null);
    }

    /** dataDir null: a fresh one of its own, deleted when the server closes. */
    private ServerProcess startServer(String scenario, Path dataDir) throws IOException {
        Path log = out.resolve("server-" + scenario + ".log");
        Files.deleteIfExists(log);
        ServerProcess server = ServerProcess.launch(jar, SERVER_JVM, dataDir, log, serverArgs);
        System.out.println("server: " + String.join(" ", server.command()) + "  (log: " + log + ")");
        return server;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            Thread.sleep(left / 1_000_000 + 1);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** One scenario's measurements, in order, each with its unit. */
    private static final class Result {

        private static final String[] COLUMNS = {"sent", "delivered", "lost", "dup", "ooo", "rate", "p50", "p90",
                "p99", "max", "cpu/delivery", "rss", "gen-cpu"};

        private record Field(String key, Number value, String unit) {
            String text() {
                return (value instanceof Double d ? format(d) : value.toString()) + unit;
            }

            String jsonKey() {
                String suffix = switch (unit) {
                    case "" -> "";
                    case "/s" -> "_per_s";
                    case "%" -> "_pct";
                    default -> "_" + unit.toLowerCase(Locale.ROOT);
                };
                return key.replace("/", "_per_").replace('-', '_') + suffix;
            }
        }

        private final String scenario;
        private final List<Field> fields = new ArrayList<>();

        Result(String scenario) {
            this.scenario = scenario;
        }

        Result put(String key, Number value, String unit) {
            fields.add(new Field(key, value, unit));
            return this;
        }

        String line() {
            StringBuilder line = new StringBuilder("RESULT scenario=").append(scenario);
            fields.forEach(f -> line.append(' ').append(f.key()).append('=').append(f.text()));
            return line.toString();
        }

        String json() {
            StringBuilder json = new StringBuilder("{\"scenario\":\"").append(scenario).append('"');
            fields.forEach(f -> json.append(",\"").append(f.jsonKey()).append("\":").append(
                    f.value() instanceof Double d ? (d.isNaN() || d.isInfinite() ? "null" : format(d)) : f.value()));
            return json.append('}').toString();
        }

        static void printTable(List<Result> results) {
            StringBuilder header = new StringBuilder(String.format("%-14s", "scenario"));
            for (String c : COLUMNS) {
                header.append(String.format(" %12s", c));
            }
            System.out.println();
            System.out.println(header.append("  other"));
            for (Result r : results) {
                StringBuilder row = new StringBuilder(String.format("%-14s", r.scenario));
                for (String c : COLUMNS) {
                    row.append(String.format(" %12s", r.fields.stream().filter(f -> f.key().equals(c))
                            .map(Field::text).findFirst().orElse("-")));
                }
                row.append(" ");
                r.fields.stream().filter(f -> !List.of(COLUMNS).contains(f.key()))
                        .forEach(f -> row.append(' ').append(f.key()).append('=').append(f.text()));
                System.out.println(row);
            }
        }

        private static String format(double d) {
            double abs = Math.abs(d);
            return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", d);
        }
    }
}

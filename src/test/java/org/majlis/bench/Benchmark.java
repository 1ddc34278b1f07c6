package org.majlis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.majlis.testing.ServerProcess;

/**
 * The Majlis benchmark: starts the packaged server once per scenario, loads it from this JVM and
 * prints one RESULT line per scenario, a table at the end, and appends JSON lines to
 * {@code <out>/results.jsonl}.
 *
 * <pre>
 * Benchmark --jar target/quarkus-app/quarkus-run.jar --out target/bench [--server-arg X]...
 *           [--duration SECONDS] [--warmup SECONDS] (broadcast|broadcast-max|broadcast-slow|private|private-max|store|store-max|idle|login-wave|restart-wave|startup|search|search-pg|all|soak|training)...
 *           [--connections N]
 *
 * soak is not part of all: run it on its own with a long --duration (600 s at least). Neither
 * is training, the run the build records its AOT cache in (the pom's aot profile). --plain, in
 * place of --jar, loads the plain Vert.x reference ({@link PlainServer}) in private and private-max.
 * </pre>
 */
public final class Benchmark {

    private static final List<String> SCENARIOS = List.of("broadcast", "broadcast-max", "broadcast-slow", "private",
            "private-max", "store", "store-max", "idle", "login-wave", "restart-wave", "startup", "search", "search-pg");
    /** What the plain Vert.x reference serves. */
    private static final List<String> PLAIN_SCENARIOS = List.of("private", "private-max");
    private static final int CLIENTS = 1000;
    private static final int STORE_CLIENTS = 50;
    private static final int SLOW_READERS = 50;
    private static final int DEFAULT_IDLE_CONNECTIONS = 10_000;
    /** The soak: 100 clients in general, all sending, 100 messages/s in total (10,000 deliveries/s). */
    private static final int SOAK_CLIENTS = 100;
    private static final double SOAK_RATE = 100;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /**
     * The server's JVM: fixed heap bounds so runs compare; no AlwaysPreTouch so RSS shows what the server
     * really touches; ParallelGC like the load generator, for throughput and a cheap full GC before heap readings.
     */
    /** The AOT cache the build records next to the jar (the {@code aot} profile, JDK 25 and later). */
    static final String AOT_CACHE = "majlis.aot";
    private static final List<String> SERVER_JVM = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC", "-Xmn48m", "-XX:+UseStringDeduplication",
            "-XX:+ExitOnOutOfMemoryError");

    private Path jar;
    private Path out = Path.of("target/bench");
    private final List<String> serverArgs = new ArrayList<>();
    private Duration duration = Duration.ofSeconds(15);
    private Duration warmup = Duration.ofSeconds(10);
    /** Connections of the idle and login-wave scenarios. */
    private int idleConnections = DEFAULT_IDLE_CONNECTIONS;
    /** The plain Vert.x reference ({@link PlainServer}) instead of the jar: for private and private-max. */
    private boolean plain;
    private final List<String> scenarios = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Benchmark bench = new Benchmark();
        try {
            bench.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Benchmark (--jar JAR|--plain) [--out DIR] [--server-arg X]... [--duration S] [--warmup S] [--connections N] "
                    + "(" + String.join("|", SCENARIOS) + "|all|soak|training)...");
            System.exit(2);
        }
        System.exit(bench.run() ? 0 : 1);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--jar" -> jar = Path.of(value(args, ++i, arg));
                case "--plain" -> plain = true;
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--server-arg" -> serverArgs.add(value(args, ++i, arg));
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--connections" -> idleConnections = Integer.parseInt(value(args, ++i, arg));
                case "all" -> scenarios.addAll(SCENARIOS);
                default -> {
                    if (!SCENARIOS.contains(arg) && !"soak".equals(arg) && !"training".equals(arg)) {
                        throw new IllegalArgumentException("unknown argument: " + arg);
                    }
                    scenarios.add(arg);
                }
            }
        }
        if ((jar == null && !plain) || scenarios.isEmpty()) {
            throw new IllegalArgumentException("--jar (or --plain) and at least one scenario are required");
        }
        if (plain && !PLAIN_SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("--plain runs only " + String.join(" and ", PLAIN_SCENARIOS));
        }
    }

    /** Whether the server runs on PostgreSQL (its profile or datasource flag among the server's arguments): the database's CPU is then reported. */
    private boolean onPostgres() {
        return serverArgs.stream().anyMatch(arg -> arg.matches("-Dquarkus\\.profile=.*postgres.*|-Dquarkus\\.profile=.*cluster.*|-Dquarkus\\.datasource\\.pg\\.active=true"));
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
        Waves waves = new Waves(this::startServer, idleConnections, duration);
        List<Result> results = new ArrayList<>();
        boolean ok = true;
        for (String scenario : scenarios) {
            System.out.println("== " + scenario);
            try {
                Result result = switch (scenario) {
                    case "broadcast" -> broadcast(scenario, 200, 0, 1);
                    case "broadcast-max" -> broadcast(scenario, 0, 16, 2);
                    case "broadcast-slow" -> broadcastWithSlowReaders();
                    case "private" -> privateChat(scenario, 5000, 0);
                    case "private-max" -> privateChat(scenario, 0, 256);
                    case "store" -> store(scenario, 1000, 0);
                    case "store-max" -> store(scenario, 0, 64);
                    case "idle" -> waves.idle();
                    case "login-wave" -> waves.loginWave();
                    case "restart-wave" -> waves.restartWave();
                    case "training" -> waves.training();
                    case "soak" -> soak();
                    case "search" -> new SearchBench(this::startServer).run(false);
                    case "search-pg" -> new SearchBench(this::startServer).run(true);
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
    /**
     * Direct messages between 500 pairs, at rate messages/s in total or (window > 0) with window
     * messages not yet acked in total: one recipient each, so the store's share shows.
     */
    private Result privateChat(String name, double rate, int window) throws Exception {
        int[] senders = IntStream.range(0, CLIENTS).toArray();
        return load(name, CLIENTS, window > 0 ? 2 : 1, senders, c -> c.expect(new int[] {c.index ^ 1, c.index}, "b" + (c.index ^ 1)),
                pool -> window > 0 ? pool.startAcked(senders, window, 2, warmup, duration)
                        : pool.start(senders, rate, 0, 2, warmup, duration));
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
            System.out.println("  server threads, share of one core: " + b.serverThreads(a));
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
                    .put("gen-cpu", b.ownPercent(a), "%")
                    .put("server-cpu", b.serverPercent(a), "%")
                    .put("gen-cpu/delivery", (b.ownCpu() - a.ownCpu()) / 1000.0 / Math.max(1, stats.delivered), "us")
                    .put("others-cpu", b.othersPercent(a), "%")
                    .put("steal", b.stealPercent(a), "%");
            if (onPostgres()) {
                r.put("db-cpu", b.databasePercent(a), "%")
                        .put("db-cpu/stored", (b.databaseCpu() - a.databaseCpu()) / 1000.0 / Math.max(1, acked), "us");
            }
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

    /**
     * From the server process start to the first welcome, polling with a fresh connection every
     * few ms: on a fresh data directory (the schema is created) and again on the same data (a
     * restart, as in a rolling deploy); both again with the AOT cache the build recorded next to
     * the jar, when there is one and this JDK reads it (25 and later), so that all the figures
     * come from the same run.
     */
    private Result startup() throws Exception {
        Result result = new Result("startup");
        startAndRestart(result, "", List.of());
        Path cache = jar.resolveSibling(AOT_CACHE);
        if (Files.exists(cache) && Runtime.version().feature() >= 25) {
            startAndRestart(result, "-aot", List.of("-XX:AOTCache=" + cache.toAbsolutePath()));
        }
        return result;
    }

    private void startAndRestart(Result result, String suffix, List<String> jvmFlags) throws Exception {
        Path data = ServerProcess.tempDir("majlis-startup-");
        try {
            firstWelcome(result, "first-welcome" + suffix, data, jvmFlags);
            firstWelcome(result, "restart-welcome" + suffix, data, jvmFlags);
        } finally {
            ServerProcess.delete(data);
        }
    }

    private void firstWelcome(Result result, String name, Path data, List<String> jvmFlags) throws Exception {
        long t0 = System.nanoTime();
        try (ServerProcess server = startServer(name, data, jvmFlags); ClientPool pool = new ClientPool(server.port(), 1, 1)) {
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
            result.put(name, (System.nanoTime() - t0) / 1e6, "ms").put(name + "-rss", ProcStats.rssKib(server.pid()) / 1024.0, "MiB");
        }
    }

    /** Starts the server without waiting, on a fresh data directory; its log holds this run only. */
    private ServerProcess startServer(String scenario) throws IOException {
        return startServer(scenario, null, List.of());
    }

    private ServerProcess startServer(String scenario, Path dataDir) throws IOException {
        return startServer(scenario, dataDir, List.of());
    }

    /** dataDir null: a fresh one of its own, deleted when the server closes; jvmFlags after the usual ones. */
    private ServerProcess startServer(String scenario, Path dataDir, List<String> jvmFlags) throws IOException {
        Path log = out.resolve("server-" + scenario + ".log");
        Files.deleteIfExists(log);
        List<String> flags = new ArrayList<>(SERVER_JVM);
        flags.addAll(jvmFlags);
        ServerProcess server = plain ? ServerProcess.launchMain(PlainServer.class.getName(), flags, dataDir, log, serverArgs)
                : ServerProcess.launch(jar, flags, dataDir, log, serverArgs);
        System.out.println("server: " + String.join(" ", server.command()) + "  (log: " + log + ")");
        return server;
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            Thread.sleep(left / 1_000_000 + 1);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

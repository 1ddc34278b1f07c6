package org.majlis.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
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
 * place of --jar, loads the plain Vert.x reference ({@link PlainServer}) in private, private-max, broadcast
 * and broadcast-max.
 * --image REF, in place of --jar, runs startup and training on the container image REF in podman
 * (or the image a build pushed, given its target/quarkus-artifact.properties); --tls-verify false
 * pulls it without TLS verification.
 * </pre>
 */
public final class Benchmark {

    private static final List<String> SCENARIOS = List.of("broadcast", "broadcast-max", "broadcast-slow", "private",
            "private-max", "private-search", "store", "store-max", "idle", "login-wave", "restart-wave", "startup", "search", "search-pg");
    /** What the plain Vert.x reference serves. */
    private static final List<String> PLAIN_SCENARIOS = List.of("private", "private-max", "broadcast", "broadcast-max");
    /** What a container image is measured in. */
    private static final List<String> IMAGE_SCENARIOS = List.of("startup", "training");
    private static final int CLIENTS = 1000;
    private static final int STORE_CLIENTS = 50;
    private static final int SLOW_READERS = 50;
    private static final int DEFAULT_IDLE_CONNECTIONS = 10_000;
    /** The soak: 100 clients in general, all sending, 100 messages/s in total (10,000 deliveries/s). */
    private static final int SOAK_CLIENTS = 100;
    private static final double SOAK_RATE = 100;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /**
     * The server's JVM: fixed heap bounds so runs compare; no AlwaysPreTouch so RSS shows what the server
     * really touches; ParallelGC like the load generator, for throughput and a cheap full GC before heap readings.
     */
    private static final List<String> SERVER_JVM = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC", "-Xmn48m", "-XX:+UseStringDeduplication",
            "-XX:+ExitOnOutOfMemoryError");

    private Path jar;
    private Path out = Path.of("target/bench");
    private final List<String> serverArgs = new ArrayList<>();
    private Duration duration = Duration.ofSeconds(15);
    private Duration warmup = Duration.ofSeconds(10);
    /** Connections of the idle and login-wave scenarios. */
    private int idleConnections = DEFAULT_IDLE_CONNECTIONS;
    /** The plain Vert.x reference ({@link PlainServer}) instead of the jar: for the private and broadcast scenarios. */
    private boolean plain;
    /** The container image instead of the jar: for startup and training. */
    private String image;
    private boolean tlsVerify = true;
    private ContainerLauncher container;
    private final List<String> scenarios = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Benchmark bench = new Benchmark();
        try {
            bench.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Benchmark (--jar JAR|--plain|--image REF [--tls-verify false]) [--out DIR] [--server-arg X]... [--duration S] [--warmup S] [--connections N] "
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
                case "--image" -> image = imageRef(value(args, ++i, arg));
                case "--tls-verify" -> tlsVerify = switch (value(args, ++i, arg)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("--tls-verify is true or false");
                };
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
        if ((jar == null && !plain && image == null) || scenarios.isEmpty()) {
            throw new IllegalArgumentException("--jar (or --plain, or --image) and at least one scenario are required");
        }
        if (plain && !PLAIN_SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("--plain runs only " + String.join(" and ", PLAIN_SCENARIOS));
        }
        if (image != null && !IMAGE_SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("--image runs only " + String.join(" and ", IMAGE_SCENARIOS));
        }
        if (image != null) {
            container = new ContainerLauncher(image, tlsVerify, serverArgs, out);
        }
    }

    /** The image named, or the one a build pushed: its quarkus-artifact.properties says which. */
    private static String imageRef(String value) {
        Path artifact = Path.of(value);
        if (!value.endsWith(".properties") || !Files.isRegularFile(artifact)) {
            return value;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(artifact)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(properties.getProperty("metadata.container-image"))
                .orElseThrow(() -> new IllegalArgumentException(value + " names no container image: was one built?"));
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
                    case "private" -> privateChat(scenario, 5000, 0, MeasuredLoad.Probe.NONE);
                    case "private-search" -> privateChat(scenario, 5000, 0, new SearchProbe());
                    case "private-max" -> privateChat(scenario, 0, 256, MeasuredLoad.Probe.NONE);
                    case "store" -> store(scenario, 1000, 0);
                    case "store-max" -> store(scenario, 0, 64);
                    case "idle" -> waves.idle();
                    case "login-wave" -> waves.loginWave();
                    case "restart-wave" -> waves.restartWave();
                    case "training" -> waves.training();
                    case "soak" -> soak();
                    case "search" -> new SearchBench(this::startServer).run(false);
                    case "search-pg" -> new SearchBench(this::startServer).run(true);
                    default -> new Startup(this::startServer, jar == null ? null : jar.resolveSibling(Startup.AOT_CACHE)).run();
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

    /**
     * Direct messages between 500 pairs (2p, 2p+1), both sides sending, at rate messages/s in total or (window > 0) with window
     * messages not yet acked in total: each message reaches the recipient and echoes to the sender, so the store's share shows.
     */
    private Result privateChat(String name, double rate, int window, MeasuredLoad.Probe probe) throws Exception {
        int[] senders = IntStream.range(0, CLIENTS).toArray();
        return measured(probe).run(name, CLIENTS, window > 0 ? 2 : 1, senders, c -> c.expect(new int[] {c.index ^ 1, c.index}, "b" + (c.index ^ 1)),
                pool -> window > 0 ? pool.startAcked(senders, window, 2, warmup, duration)
                        : pool.start(senders, rate, 0, 2, warmup, duration), false);
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
        return measured(MeasuredLoad.Probe.NONE).run("soak", SOAK_CLIENTS, 1, senders, c -> c.expect(senders, null),
                pool -> pool.start(senders, SOAK_RATE, 0, SOAK_CLIENTS, warmup, duration), true);
    }

    private Result load(String name, int clients, int threads, int[] senders, Consumer<BenchClient> expectations,
            Function<ClientPool, long[]> start) throws Exception {
        return measured(MeasuredLoad.Probe.NONE).run(name, clients, threads, senders, expectations, start, false);
    }

    private MeasuredLoad measured(MeasuredLoad.Probe probe) {
        return new MeasuredLoad(this::startServer, onPostgres(), probe);
    }

    /** A {@link ServerLauncher}: dataDir null is a fresh one of its own, deleted when the server closes. */
    private ServerProcess startServer(String scenario, Path dataDir, List<String> jvmFlags) throws IOException {
        ServerProcess server = container != null ? container.start(scenario, dataDir, jvmFlags) // with the image's own JVM flags
                : startJvm(scenario, dataDir, jvmFlags);
        System.out.println("server: " + String.join(" ", server.command()) + "  (log: " + server.log() + ")");
        return server;
    }

    private ServerProcess startJvm(String scenario, Path dataDir, List<String> jvmFlags) throws IOException {
        Path log = out.resolve("server-" + scenario + ".log");
        Files.deleteIfExists(log);
        Files.deleteIfExists(GcPauses.log(log));
        List<String> flags = new ArrayList<>(SERVER_JVM);
        flags.add(GcPauses.logFlag(log));
        flags.addAll(jvmFlags);
        return plain ? ServerProcess.launchMain(PlainServer.class.getName(), flags, dataDir, log, serverArgs)
                : ServerProcess.launch(jar, flags, dataDir, log, serverArgs);
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

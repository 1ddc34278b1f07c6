package org.majlis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The packaged server as a separate process on a free port, output appended to a log file: for
 * tests that kill it or run several, and for the benchmark.
 */
public final class ServerProcess implements AutoCloseable {

    public static final Path JAR = Path.of(System.getProperty("majlis.jar", "target/quarkus-app/quarkus-run.jar"));

    private final Process process;
    private final List<String> command;
    private final int port;
    /** Where /q/metrics is served; 0 when it cannot be reached (a server in a container). */
    private final int managementPort;
    private final Path log;
    /** A data directory made for this process only, deleted on close; null when the caller's. */
    private final Path ownDataDir;
    /** The server's process id: the process's own, or the container's Java, which is not its child. */
    private final LongSupplier pid;
    /** Run after a SIGKILL: what killing the process does not stop (a container outlives its podman client). */
    private final Runnable afterKill;

    private ServerProcess(Process process, List<String> command, int port, int managementPort, Path log, Path ownDataDir,
            LongSupplier pid, Runnable afterKill) {
        this.process = process;
        this.command = command;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.ownDataDir = ownDataDir;
        this.pid = pid;
        this.afterKill = afterKill;
    }

    /**
     * A server started by another program (podman running its image): stopping the process stops
     * the server; pid finds the server's own process once it runs; afterKill stops the server when
     * killing the process does not.
     */
    public static ServerProcess of(Process process, List<String> command, int port, Path log, Path ownDataDir, LongSupplier pid,
            Runnable afterKill) {
        return new ServerProcess(process, List.copyOf(command), port, 0, log, ownDataDir, pid, afterKill);
    }

    /** Starts {@link #JAR} with the data directory and extra arguments, and waits until it is ready. */
    public static ServerProcess start(Path dataDir, Path log, String... args) throws IOException, InterruptedException {
        ServerProcess server = launch(JAR, List.of(), dataDir, log, List.of(args));
        try {
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Starts jar and returns at once (so callers can time the startup): jvmFlags come before the
     * server's settings, args after them. A null dataDir means a fresh temporary one, deleted on close.
     */
    public static ServerProcess launch(Path jar, List<String> jvmFlags, Path dataDir, Path log, List<String> args)
            throws IOException {
        return launch(List.of("-jar", jar.toAbsolutePath().toString()), jvmFlags, dataDir, log, args);
    }

    /** As {@link #launch(Path, List, Path, Path, List)}, a main class of this JVM's class path instead of a jar. */
    public static ServerProcess launchMain(String mainClass, List<String> jvmFlags, Path dataDir, Path log, List<String> args)
            throws IOException {
        return launch(List.of("-cp", System.getProperty("java.class.path"), mainClass), jvmFlags, dataDir, log, args);
    }

    private static ServerProcess launch(List<String> program, List<String> jvmFlags, Path dataDir, Path log, List<String> args)
            throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path ownDataDir = dataDir == null ? Files.createTempDirectory("majlis-server-") : null;
        List<String> command = new ArrayList<>();
        command.add(jdkTool("java"));
        command.addAll(jvmFlags);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dmajlis.data-dir=" + (dataDir == null ? ownDataDir : dataDir.toAbsolutePath()));
        // several servers run side by side: none takes the fixed management port
        command.add("-Dquarkus.management.port=" + managementPort);
        command.addAll(args);
        command.addAll(program);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ServerProcess(process, List.copyOf(command), port, managementPort, log, ownDataDir, process::pid, () -> { });
    }

    /** A tool of the JDK running this JVM: the server runs on the same JDK as its tests. */
    public static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not become ready within " + timeout + ", see " + log);
    }

    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with " + process.exitValue() + ", see " + log);
        }
    }

    public List<String> command() {
        return command;
    }

    public Path log() {
        return log;
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The server's Prometheus metrics, when they can be reached. */
    public Optional<URI> metrics() {
        return managementPort == 0 ? Optional.empty() : Optional.of(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics"));
    }

    public URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    public long pid() {
        return pid.getAsLong();
    }

    /** SIGKILL: no shutdown hook, no flush, like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        afterKill.run();
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(20));
    }

    /** Closes each node that was started (a test's nodes, some of which may have failed to start). */
    public static void closeAll(ServerProcess... nodes) throws InterruptedException {
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }

    /** SIGTERM, then SIGKILL if the process has not exited within grace; its own data directory is deleted. */
    public void stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
        if (ownDataDir != null) {
            delete(ownDataDir);
        }
    }

    /** Deletes a directory and all in it; nothing when it is gone already (a stop() before deleted it). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new directory under target/, made if missing: the benchmark may run from another folder. */
    public static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target")), prefix);
    }

    /** {@link #tempDir} for a static field, which cannot throw IOException. */
    public static Path staticDataDir(String prefix) {
        try {
            return tempDir(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.majlis.bench;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The packaged server as a separate process: fresh port and data directory, output to a log file. */
final class ServerProcess implements AutoCloseable {

    /**
     * Fixed heap bounds so runs compare; no AlwaysPreTouch so RSS shows what the server really
     * touches; ParallelGC like the load generator, for throughput and a cheap full GC before heap readings.
     */
    static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC");

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;

    private ServerProcess(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    static ServerProcess start(Path jar, List<String> serverArgs, Path log) throws IOException {
        int port = freePort();
        Path dataDir = Files.createTempDirectory("majlis-bench-");
        List<String> command = new ArrayList<>();
        command.add(jdkTool("java"));
        command.addAll(JVM_FLAGS);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dmajlis.data-dir=" + dataDir);
        command.addAll(serverArgs);
        command.add("-jar");
        command.add(jar.toString());
        System.out.println("server: " + String.join(" ", command) + "  (log: " + log + ")");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServerProcess(process, port, dataDir, log);
    }

    /** A tool of the JDK in JAVA_HOME, else of the JDK running the benchmark. */
    static String jdkTool(String name) {
        String home = System.getenv("JAVA_HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("java.home");
        }
        return Path.of(home, "bin", name).toString();
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
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
        throw new IllegalStateException("server not ready after " + timeout + ", see " + log);
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("server exited with " + process.exitValue() + ", see " + log);
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package org.majlis.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commands the container test runs, from the project's directory. podman is set up for these
 * machines (their runtime, cgroups and open-file limit) through a containers.conf of the test's
 * own, which {@code podman kube play} honours too.
 */
final class Commands {

    private static final String CONTAINERS_CONF = """
            [containers]
            default_ulimits = ["nofile=20000:20000", "nproc=1000:1000"]
            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            """;

    private final Path work;
    private final Path containersConf;
    private int runs;

    Commands(Path work) throws IOException {
        this.work = work;
        this.containersConf = Files.writeString(work.resolve("containers.conf"), CONTAINERS_CONF);
    }

    static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    /** Runs a command to its end; its output, or an AssertionError with the output when it fails. */
    String run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path output = work.resolve("command-" + (++runs) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("CONTAINERS_CONF", containersConf.toString());
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took more than " + timeout + ": " + Files.readString(output));
        }
        String text = Files.readString(output);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text);
        }
        return text;
    }

    String podman(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return run(Duration.ofMinutes(3), command.toArray(String[]::new));
    }

    /** For cleaning up: what fails is only reported. */
    void quietly(String... command) {
        try {
            run(Duration.ofMinutes(1), command);
        } catch (IOException | AssertionError e) {
            System.err.println("cleaning up: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

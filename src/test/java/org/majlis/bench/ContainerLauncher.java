package org.majlis.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.majlis.testing.ServerProcess;

/**
 * The server as its container image, run by podman (with the environment's CONTAINERS_CONF): for
 * the startup and training scenarios of an image. The image's own entrypoint runs, with the
 * scenario's JVM flags and the benchmark's server arguments put after {@code java}; the data
 * directory and the benchmark's output folder are mounted, writable by the image's user.
 */
final class ContainerLauncher implements ServerLauncher {

    /** Where the benchmark's output folder is in the container: a training writes its AOT cache there. */
    private static final String OUT = "/deployments/out";
    private static final String DATA = "/deployments/data";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String image;
    private final boolean tlsVerify;
    private final List<String> serverArgs;
    private final Path out;
    /** The image's entrypoint: java, its flags, what it runs. */
    private List<String> entrypoint;
    private int runs;

    ContainerLauncher(String image, boolean tlsVerify, List<String> serverArgs, Path out) {
        this.image = image;
        this.tlsVerify = tlsVerify;
        this.serverArgs = serverArgs;
        this.out = out;
    }

    @Override
    public ServerProcess start(String scenario, Path dataDir, List<String> jvmFlags) throws IOException {
        List<String> entry = entrypoint();
        List<String> java = new ArrayList<>(List.of(entry.getFirst()));
        java.addAll(jvmFlags);
        java.addAll(serverArgs);
        java.addAll(entry.subList(1, entry.size()));
        Path data = dataDir != null ? dataDir : ServerProcess.tempDir("majlis-container-");
        writableByAll(data);
        writableByAll(out);
        int port = ServerProcess.freePort();
        String name = "majlis-bench-" + ProcessHandle.current().pid() + "-" + (++runs);
        List<String> command = List.of("podman", "run", "--rm", "--name", name, "--tls-verify=" + tlsVerify,
                "-p", "127.0.0.1:" + port + ":8080", "-v", data.toAbsolutePath() + ":" + DATA, "-v", out.toAbsolutePath() + ":" + OUT,
                "--entrypoint", JSON.writeValueAsString(java), image);
        Path log = out.resolve("server-" + scenario + ".log");
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // podman passes SIGTERM on to the container: stopping the process stops the server gracefully;
        // a SIGKILL stops only podman's client, so the container is removed after it
        return ServerProcess.of(process, command, port, log, dataDir == null ? data : null,
                () -> Long.parseLong(podman("inspect", "--format", "{{.State.Pid}}", name).strip()),
                () -> podman("rm", "--force", "--ignore", "--time", "0", name));
    }

    private List<String> entrypoint() throws IOException {
        if (entrypoint == null) {
            podman("pull", "--quiet", "--tls-verify=" + tlsVerify, image);
            entrypoint = List.of(JSON.readValue(podman("image", "inspect", "--format", "{{json .Config.Entrypoint}}", image), String[].class));
        }
        return entrypoint;
    }

    /** The image runs as a user of its own, which must write the data and the AOT cache. */
    private static void writableByAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    private static String podman(String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }
}

package org.majlis.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/**
 * The container image, built and run for real, with nothing from outside this machine: the base
 * image made by {@code src/main/container/build-base-image.sh}, a registry on 127.0.0.1, Jib
 * pushing the Majlis image to it (a Maven build of this project; on JDK 25 the build then trains the
 * image in podman and adds the AOT cache its JVM recorded), podman running it (with the cache
 * required, chat through it, data kept on a volume across a restart, a graceful stop), and the
 * generated Kubernetes manifest brought up by {@code podman kube play}. Skipped where podman,
 * buildah or the registry server is missing.
 */
class ContainerIT {

    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String run = "majlis-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Runnable> cleanups = new ArrayList<>();
    private Path work;
    private Commands commands;

    @AfterEach
    void cleanUp() {
        cleanups.reversed().forEach(Runnable::run);
        if (work != null) {
            ServerProcess.delete(work);
        }
    }

    @Test
    void theImageBuiltHereServesChatKeepsItsDataStopsGracefullyAndItsManifestComesUp() throws Exception {
        assumeTrue(Commands.onPath("podman") && Commands.onPath("buildah") && Commands.onPath("docker-registry"),
                "podman, buildah and docker-registry are not installed (apt-get install podman buildah skopeo runc"
                        + " docker-registry): the container image is not built or run here");
        work = Files.createTempDirectory("majlis-container-");
        commands = new Commands(work);
        String registry = startRegistry();

        // the runtime's modules are those jdeps finds in the application packaged by this build
        commands.run(Duration.ofMinutes(5), "src/main/container/build-base-image.sh", registry, "majlis-base:it", "target/quarkus-app");
        Path manifests = work.resolve("kubernetes");
        commands.run(Duration.ofMinutes(10), "./mvnw", "-B", "-q", "package", "-DskipTests", "-De2e.skip=true", "-Daot.image.tls-verify=false",
                "-Dquarkus.package.output-directory=container-app", "-Daot.app.directory=target/container-app",
                "-Dquarkus.kubernetes.output-directory=" + manifests,
                "-Dquarkus.container-image.build=true", "-Dquarkus.container-image.push=true",
                "-Dquarkus.container-image.registry=" + registry, "-Dquarkus.container-image.insecure=true",
                "-Dquarkus.container-image.tag=" + run, "-Dquarkus.jib.base-jvm-image=" + registry + "/majlis-base:it");
        String image = registry + "/majlis/majlis:" + run;
        commands.podman("pull", "--quiet", "--tls-verify=false", image);
        cleanups.add(() -> commands.quietly("podman", "rmi", "-f", image));

        boolean withCache = Runtime.version().feature() >= 25; // the JDK of this build is the image's
        if (withCache) {
            assertTrue(commands.podman("image", "inspect", "--format", "{{json .Config.Entrypoint}}", image).contains("-XX:AOTCache="),
                    "the image starts its JVM with the AOT cache");
        }
        int port = ServerProcess.freePort();
        // AOTMode=on: a JVM that cannot map the cache exits instead of starting without it
        commands.podman("run", "-d", "--name", run, "-e", "JDK_JAVA_OPTIONS=" + (withCache ? "-XX:AOTMode=on" : ""),
                "-p", "127.0.0.1:" + port + ":8080", "-v", run + ":/deployments/data", image);
        cleanups.add(() -> commands.quietly("podman", "volume", "rm", "-f", run));
        cleanups.add(() -> commands.quietly("podman", "rm", "-f", run));
        awaitReady(port);
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        try (TestClient ana = TestClient.guest(ws, "ana"); TestClient bo = TestClient.guest(ws, "bo")) {
            ana.send("send_message", "m1", Json.object("message", "through the container"));
            ana.awaitAck("m1");
            assertEquals("ana", bo.await("new_message").path("payload").path("from").asText());

            long t0 = System.nanoTime();
            commands.podman("stop", "-t", Long.toString(GRACE.toSeconds()), run);
            assertEquals(1012, bo.awaitClose(), "a stopping node tells its clients to come back");
            assertTrue(System.nanoTime() - t0 < GRACE.toNanos(), "stopped within the grace period");
            assertNotEquals("137", commands.podman("inspect", "--format", "{{.State.ExitCode}}", run).strip(),
                    "stopped by SIGTERM, not killed");
        }
        commands.podman("start", run);
        awaitReady(port);
        try (TestClient ana = TestClient.guest(ws, "ana")) {
            ana.send("history", "h", Json.object("room", "general"));
            JsonNode messages = ana.awaitAnswer("h").path("payload").path("messages");
            assertEquals("through the container", messages.get(messages.size() - 1).path("message").asText(),
                    "the volume kept the message across the restart");
        }
        commands.podman("stop", run);

        playTheManifest(manifests.resolve("kubernetes.yml"));
    }

    /** The generated Deployment, with the example ConfigMap and Secret, in a pod of podman's. */
    private void playTheManifest(Path manifest) throws Exception {
        int port = ServerProcess.freePort();
        KubePlay play = KubePlay.of(Files.readString(manifest), Path.of("src/main/kubernetes/examples/config.yml"), port);
        Path yaml = work.resolve("play.yml");
        Files.writeString(yaml, play.yaml());
        Path secret = work.resolve("secret.json");
        Files.writeString(secret, play.secretJson());
        commands.quietly("podman", "secret", "rm", play.secretName());
        commands.podman("secret", "create", play.secretName(), secret.toString());
        cleanups.add(() -> commands.quietly("podman", "secret", "rm", play.secretName()));
        // the pod reaches this machine's PostgreSQL and Redis on 10.0.2.2, slirp4netns' address of the host's loopback
        commands.podman("kube", "play", "--network", "slirp4netns:allow_host_loopback=true", "--tls-verify=false", yaml.toString());
        cleanups.add(() -> commands.quietly("podman", "kube", "down", yaml.toString()));
        JsonNode health = awaitReady(port);
        assertEquals("UP", health.path("status").asText(), health::toString);
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        try (TestClient cy = TestClient.guest(ws, "cy-" + run); TestClient di = TestClient.guest(ws, "di-" + run)) {
            cy.send("private_message", "p", Json.object("to", "di-" + run, "message", "through the pod"));
            cy.awaitAck("p");
            assertEquals("through the pod", di.await("new_message").path("payload").path("message").asText());
        }
    }

    private String startRegistry() throws IOException {
        int port = ServerProcess.freePort();
        Path config = work.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(work.resolve("registry"), port));
        Process registry = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile()).start();
        cleanups.add(registry::destroy);
        return "127.0.0.1:" + port;
    }

    /** The readiness answer once it is 200 (the probe of the manifest), within a minute. */
    private static JsonNode awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return TestClient.JSON.readTree(answer.body());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready on port " + port + " within 60 s");
    }
}

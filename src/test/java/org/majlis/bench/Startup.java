package org.majlis.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.majlis.testing.ServerProcess;

/**
 * The {@code startup} scenario: from the server process start to the first welcome, polling with a
 * fresh connection every few ms: on a fresh data directory (the schema is created) and again on the
 * same data (a restart, as in a rolling deploy); both again with the AOT cache the build recorded
 * next to the jar, when there is one and this JDK reads it (25 and later), so that all the figures
 * come from the same run. A container image starts as it is, with the cache it carries or none.
 */
final class Startup {

    /** The AOT cache the build records next to the jar (the {@code aot} profile, JDK 25 and later). */
    static final String AOT_CACHE = "majlis.aot";
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final ServerLauncher launcher;
    /** The AOT cache beside the jar; null for an image. */
    private final Path cache;

    Startup(ServerLauncher launcher, Path cache) {
        this.launcher = launcher;
        this.cache = cache;
    }

    Result run() throws Exception {
        Result result = new Result("startup");
        startAndRestart(result, "", List.of());
        if (cache != null && Files.exists(cache) && Runtime.version().feature() >= 25) {
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
        try (ServerProcess server = launcher.start(name, data, jvmFlags); ClientPool pool = new ClientPool(server.port(), 1, 1)) {
            while (true) {
                server.requireAlive();
                try {
                    pool.connect(0).get(10, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException notYet) {
                    if (System.nanoTime() - t0 > GIVE_UP.toNanos()) {
                        throw new IllegalStateException("no welcome within " + GIVE_UP.toSeconds() + "s", notYet.getCause());
                    }
                    Thread.sleep(5);
                }
            }
            result.put(name, (System.nanoTime() - t0) / 1e6, "ms").put(name + "-rss", ProcStats.rssKib(server.pid()) / 1024.0, "MiB");
        }
    }
}

package org.majlis.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.majlis.testing.ServerProcess;

/** Starts the server (or the plain reference) for a scenario without waiting; dataDir null: a fresh one of its own. */
@FunctionalInterface
interface ServerLauncher {

    /** jvmFlags come after the benchmark's usual ones; the server's log holds this scenario's run only. */
    ServerProcess start(String scenario, Path dataDir, List<String> jvmFlags) throws IOException;
}

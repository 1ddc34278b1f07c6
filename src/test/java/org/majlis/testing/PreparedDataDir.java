package org.majlis.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/** A test resource that fills a data directory before the server starts on it, and deletes it after. */
public abstract class PreparedDataDir implements QuarkusTestResourceLifecycleManager {

    /** The directory, the same one the test reads (a static field of the test). */
    protected abstract Path dir();

    /** What an earlier version (or run) left in the directory. */
    protected abstract void prepare(Path dir) throws SQLException;

    @Override
    public Map<String, String> start() {
        try {
            prepare(dir());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("majlis.data-dir", dir().toString());
    }

    @Override
    public void stop() {
        ServerProcess.delete(dir());
    }
}

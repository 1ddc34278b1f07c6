package org.majlis.store;

import io.quarkus.runtime.LaunchMode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where the SQLite driver loads its native library from. Left to itself, the driver copies the
 * library out of its jar into the temporary directory at every start and compares the copy with
 * the original byte by byte: about 150 ms of a start, before the first login can be answered.
 * Here the copy is made once per driver version, in the data directory (not the shared temporary
 * one, where another local user could put a library of theirs), and loaded from there. A copy
 * that does not load (a data directory moved to another architecture, a volume mounted noexec)
 * only makes the driver fall back to its own copy.
 *
 * <p>Only in a packaged application: dev mode's reloads and the test suites start the
 * application again in the same JVM, with the driver's classes loaded anew, and the JVM refuses a
 * second class loader the library file it has already given to the first. The driver's own copy
 * has a new name each time.
 */
final class SqliteNativeLibrary {

    private static final Logger LOG = Logger.getLogger(SqliteNativeLibrary.class);
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    /** Points the driver at {@code <dataDir>/native}, copying the library there first if it is not yet; the operator's own setting wins. */
    static void useCopyIn(Path dataDir) {
        if (LaunchMode.current() != LaunchMode.NORMAL || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        Path directory = dataDir.resolve("native").toAbsolutePath();
        String name = "sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + LibraryLoaderUtil.getNativeLibName();
        try {
            Path copy = directory.resolve(name);
            if (!Files.exists(copy)) {
                copyOutOfTheJar(copy);
            }
            System.setProperty(PATH_PROPERTY, directory.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "SQLite's native library not kept in %s: the driver copies it itself", directory);
        }
    }

    private static void copyOutOfTheJar(Path copy) throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream library = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (library == null) {
                throw new FileNotFoundException(resource);
            }
            Files.createDirectories(copy.getParent());
            FileInstall.install(library, copy);
        }
    }
}

package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The packaged server loads SQLite's native library from the copy it keeps in the data directory:
 * made at the first start, the driver's own library byte for byte, reused as it is by the next
 * start, and nothing unpacked into the temporary directory by either.
 */
class SqliteNativeLibraryIT {

    @Test
    void theLibraryIsCopiedOnceIntoTheDataDirectoryAndLoadedFromThere() throws Exception {
        Path data = ServerProcess.tempDir("sqlite-native-");
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        Path log = data.resolve("server.log");
        try {
            startAndLogIn(data, tmp, log, "ana");
            Path copy = theOnlyCopy(data);
            assertArrayEquals(driversLibrary(), Files.readAllBytes(copy), "the driver's library, byte for byte");
            FileTime made = Files.getLastModifiedTime(copy);

            startAndLogIn(data, tmp, log, "bo");
            assertEquals(copy, theOnlyCopy(data));
            assertEquals(made, Files.getLastModifiedTime(copy), "the second start reused the copy");
            try (Stream<Path> unpacked = Files.list(tmp)) {
                assertEquals(List.of(), unpacked.filter(f -> f.getFileName().toString().startsWith("sqlite-")).toList(),
                        "the driver unpacked no library of its own");
            }
        } finally {
            ServerProcess.delete(data);
        }
    }

    private static void startAndLogIn(Path data, Path tmp, Path log, String name) throws Exception {
        try (ServerProcess server = ServerProcess.start(data, log, "-Djava.io.tmpdir=" + tmp);
                TestClient client = TestClient.guest(server.ws(), name)) {
            client.send("history", "h", Json.object("room", "general"));
            client.awaitAnswer("h");
        }
    }

    private static Path theOnlyCopy(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("native"))) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all::toString);
            return all.get(0);
        }
    }

    private static byte[] driversLibrary() throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream library = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
            return library.readAllBytes();
        }
    }
}

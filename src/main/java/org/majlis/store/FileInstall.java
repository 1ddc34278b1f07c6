package org.majlis.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** A file put in place whole: written beside its name, forced to disk, then renamed to it. */
final class FileInstall {

    private FileInstall() {
    }

    /** A start killed halfway leaves no half file under the name, and what is under it is on disk. */
    static void install(InputStream content, Path target) throws IOException {
        Path part = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".part");
        try {
            Files.copy(content, part, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel written = FileChannel.open(part, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}

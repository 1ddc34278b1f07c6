package org.majlis.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Records appended to files in a directory, each with a number (its LSN, one more than the one
 * before) and a checksum. An append is one {@code write(2)}: once it returns, the record survives a
 * kill of the process (the page cache holds it), as SQLite's write-ahead log does with
 * {@code synchronous=NORMAL}. A file whose records are all released is deleted; a new file is
 * begun once the current one is past its size. Appends come from one thread; releases from another.
 */
public final class AppendLog implements AutoCloseable {

    /** The LSN, the checksum and the payload's length. */
    private static final int HEADER = Long.BYTES + 2 * Integer.BYTES;
    private static final String SUFFIX = ".log";

    private final Path directory;
    private final long fileBytes;
    /** The files in LSN order, each named after its first record's LSN; the last is the one appended to. */
    private final List<Long> files = new ArrayList<>();
    private FileChannel current;
    private long currentBytes;
    private long lastLsn;

    /** A stored record. */
    public record Entry(long lsn, byte[] payload) {
    }

    /**
     * Opens the log in the directory (made if missing). The next append takes the LSN after
     * {@code floorLsn} or after the last record found, whichever is higher.
     */
    public AppendLog(Path directory, long fileBytes, long floorLsn) {
        this.directory = directory;
        this.fileBytes = fileBytes;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> listed = Files.list(directory)) {
                listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                        .map(n -> Long.parseLong(n.substring(0, n.length() - SUFFIX.length()))).sorted().forEach(files::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + directory, e);
        }
        lastLsn = floorLsn;
        replay(floorLsn, (lsn, payload) -> lastLsn = Math.max(lastLsn, lsn));
    }

    /**
     * Hands every intact record after {@code afterLsn} to the reader, in order. Reading a file stops
     * at its first torn or damaged record: a write the process did not finish, never acknowledged.
     */
    public synchronized void replay(long afterLsn, BiConsumer<Long, byte[]> reader) {
        for (long first : files) {
            try (FileChannel channel = FileChannel.open(path(first), StandardOpenOption.READ)) {
                ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(channel.size()));
                while (all.hasRemaining() && channel.read(all) >= 0) {
                    // reads until the end
                }
                all.flip();
                for (Entry entry; (entry = next(all)) != null;) {
                    if (entry.lsn() > afterLsn) {
                        reader.accept(entry.lsn(), entry.payload());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the journal file " + path(first), e);
            }
        }
    }

    private static Entry next(ByteBuffer all) {
        if (all.remaining() < HEADER) {
            return null;
        }
        long lsn = all.getLong();
        int checksum = all.getInt();
        int length = all.getInt();
        if (length < 0 || length > all.remaining()) {
            return null;
        }
        byte[] payload = new byte[length];
        all.get(payload);
        return checksum(lsn, payload) == checksum ? new Entry(lsn, payload) : null;
    }

    private static int checksum(long lsn, byte[] payload) {
        return checksum(lsn, ByteBuffer.wrap(payload));
    }

    private static int checksum(long lsn, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(0, lsn));
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    /** Appends a record in one write (its header and the payload, not copied together) and returns its LSN. */
    public synchronized long append(ByteBuffer payload) {
        long lsn = lastLsn + 1;
        ByteBuffer header = ByteBuffer.allocate(HEADER).putLong(lsn).putInt(checksum(lsn, payload)).putInt(payload.remaining()).flip();
        ByteBuffer[] record = {header, payload};
        try {
            if (current == null || currentBytes >= fileBytes) {
                begin(lsn);
            }
            while (header.hasRemaining() || payload.hasRemaining()) {
                currentBytes += current.write(record);
            }
        } catch (IOException e) {
            // the record may be half written: the next goes to a file of its own, with a number of its own,
            // so that a start reads past this file's torn tail to the records after it
            lastLsn = lsn;
            closeCurrent();
            throw new UncheckedIOException("cannot append to the journal in " + directory, e);
        }
        lastLsn = lsn;
        return lsn;
    }

    private void begin(long firstLsn) throws IOException {
        closeCurrent();
        current = FileChannel.open(path(firstLsn), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        currentBytes = 0;
        files.add(firstLsn);
    }

    /** The LSN of the last record appended or found. */
    public synchronized long lastLsn() {
        return lastLsn;
    }

    /** Deletes the files whose every record is at or before the LSN; the one appended to stays. */
    public synchronized void release(long lsn) {
        while (files.size() > 1 && files.get(1) <= lsn + 1 || files.size() == 1 && current == null && lastLsn <= lsn) {
            try {
                Files.deleteIfExists(path(files.remove(0)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete a journal file in " + directory, e);
            }
        }
    }

    private Path path(long firstLsn) {
        return directory.resolve("%020d%s".formatted(firstLsn, SUFFIX));
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close a journal file in " + directory, e);
            } finally {
                current = null;
            }
        }
    }

    @Override
    public synchronized void close() {
        closeCurrent();
    }
}

package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's files: records come back in order after a reopen, a torn or damaged tail is left out, released files go. */
class AppendLogTest {

    @TempDir
    Path dir;

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> replayed(AppendLog log, long after) {
        List<String> read = new ArrayList<>();
        log.replay(after, (lsn, payload) -> read.add(lsn + ":" + new String(payload, StandardCharsets.UTF_8)));
        return read;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.sorted().toList();
        }
    }

    @Test
    void recordsComeBackInOrderAfterAReopenAndNumberingGoesOn() {
        try (AppendLog log = new AppendLog(dir, 1 << 20, 0)) {
            assertEquals(1, log.append(bytes("one")));
            assertEquals(2, log.append(bytes("two")));
            assertEquals(3, log.append(ByteBuffer.allocate(0)));
        }
        try (AppendLog again = new AppendLog(dir, 1 << 20, 0)) {
            assertEquals(List.of("1:one", "2:two", "3:"), replayed(again, 0));
            assertEquals(List.of("3:"), replayed(again, 2), "only the records after the one given");
            assertEquals(3, again.lastLsn());
            assertEquals(4, again.append(bytes("four")));
        }
        try (AppendLog floored = new AppendLog(dir, 1 << 20, 10)) {
            assertEquals(11, floored.append(bytes("after the floor")), "numbers never go below what the database has applied");
        }
    }

    @Test
    void aTornOrDamagedLastRecordIsLeftOutAndEverythingBeforeItKept() throws IOException {
        try (AppendLog log = new AppendLog(dir, 1 << 20, 0)) {
            log.append(bytes("kept"));
            log.append(bytes("torn by a crash"));
        }
        Path file = files().get(0);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(raw.length() - 3);
        }
        try (AppendLog again = new AppendLog(dir, 1 << 20, 0)) {
            assertEquals(List.of("1:kept"), replayed(again, 0));
        }
        try (AppendLog log = new AppendLog(dir.resolve("damaged"), 1 << 20, 0)) {
            log.append(bytes("good"));
            log.append(bytes("flipped"));
        }
        Path damaged;
        try (Stream<Path> listed = Files.list(dir.resolve("damaged"))) {
            damaged = listed.findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(damaged);
        content[content.length - 1] ^= 0x40;
        Files.write(damaged, content);
        try (AppendLog again = new AppendLog(dir.resolve("damaged"), 1 << 20, 0)) {
            assertEquals(List.of("1:good"), replayed(again, 0), "a record that fails its checksum is not read");
        }
    }

    @Test
    void fullFilesAreFollowedByNewOnesAndReleasedFilesAreDeleted() throws IOException {
        try (AppendLog log = new AppendLog(dir, 100, 0)) {
            for (int i = 1; i <= 6; i++) {
                log.append(ByteBuffer.allocate(60)); // 76 bytes a record: one file holds two
            }
            assertEquals(3, files().size());
            log.release(2);
            assertEquals(2, files().size(), "the first file held records 1 and 2");
            log.release(3);
            assertEquals(2, files().size(), "record 4 is not released yet");
            log.release(6);
            assertEquals(1, files().size(), "the file appended to stays");
            assertEquals(List.of(), replayed(log, 6));
            assertArrayEquals(new byte[60], replayedPayload(log, 5));
        }
        try (AppendLog again = new AppendLog(dir, 100, 0)) {
            again.release(again.lastLsn());
            assertEquals(List.of(), files(), "at a start, the files of records all released go");
            assertEquals(7, again.append(bytes("next")));
        }
    }

    @Test
    void afterAFailedAppendTheNextRecordTakesANewNumberAndFile() throws IOException {
        try (AppendLog log = new AppendLog(dir, 1, 0)) { // a file per record
            assertEquals(1, log.append(bytes("one")));
            Path inTheWay = Files.createDirectory(dir.resolve("%020d.log".formatted(2)));
            assertThrows(UncheckedIOException.class, () -> log.append(bytes("two")));
            Files.delete(inTheWay);
            assertEquals(3, log.append(bytes("three")), "the failed record's number is not given again");
        }
        try (AppendLog again = new AppendLog(dir, 1, 0)) {
            assertEquals(List.of("1:one", "3:three"), replayed(again, 0));
        }
    }

    private static byte[] replayedPayload(AppendLog log, long after) {
        List<byte[]> read = new ArrayList<>();
        log.replay(after, (lsn, payload) -> read.add(payload));
        return read.get(0);
    }
}

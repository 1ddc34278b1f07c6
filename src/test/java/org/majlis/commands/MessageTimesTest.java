package org.majlis.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageTimesTest {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Test
    void everyMillisecondIsWrittenAsTheFormattersWriteIt() {
        Random random = new Random(16);
        long[] edges = {0, 1, 999, 1000, 1001, -1, -999, -1000, -1001, 1_764_570_000_000L, 1_764_570_000_999L,
                1_764_570_001_000L, 253_402_300_799_999L};
        for (long millis : edges) {
            assertSame(millis);
        }
        for (int i = 0; i < 20_000; i++) {
            // alternating seconds far apart and the same second twice: the kept second must never leak
            long millis = i % 3 == 2 ? 1_764_570_000_000L + random.nextInt(2_000) : random.nextLong(-62_000_000_000_000L, 253_402_300_799_999L);
            assertSame(millis);
        }
    }

    private static void assertSame(long millis) {
        Instant at = Instant.ofEpochMilli(millis);
        assertEquals(TIMESTAMP.format(at), MessageTimes.timestamp(millis), "timestamp of " + millis);
        assertEquals(LocalTime.ofInstant(at, ZoneId.systemDefault()).format(TIME_OF_DAY), MessageTimes.timeOfDay(millis),
                "time of day of " + millis);
    }
}

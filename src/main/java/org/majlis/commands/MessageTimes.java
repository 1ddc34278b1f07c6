package org.majlis.commands;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The two times a {@code new_message} carries, {@code timestamp} (UTC, milliseconds) and
 * {@code sent} (the server's time of day), formatted once per second: at 5,000 messages a second
 * the formatters were a tenth of the delivery thread's profile.
 */
final class MessageTimes {

    private static final DateTimeFormatter SECOND_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A second and its texts, replaced whole: a reader on another thread sees one second's. */
    private record Second(long epochSecond, String utc, String timeOfDay) {

        static Second of(long epochSecond) {
            Instant at = Instant.ofEpochSecond(epochSecond);
            return new Second(epochSecond, SECOND_UTC.format(at), LocalTime.ofInstant(at, ZoneId.systemDefault()).format(TIME_OF_DAY));
        }
    }

    private static volatile Second last = Second.of(0);

    private MessageTimes() {
    }

    /** ISO-8601 in UTC with milliseconds, as in {@code timestamp}: {@code 2026-12-01T06:40:00.123Z}. */
    static String timestamp(long epochMillis) {
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        return new StringBuilder(24).append(second(epochMillis).utc()).append('.')
                .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10))
                .append('Z').toString();
    }

    /** {@code HH:mm:ss} in the server's time zone, as in {@code sent}. */
    static String timeOfDay(long epochMillis) {
        return second(epochMillis).timeOfDay();
    }

    private static Second second(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        Second cached = last;
        if (cached.epochSecond() != epochSecond) {
            cached = Second.of(epochSecond);
            last = cached;
        }
        return cached;
    }
}

package org.majlis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerTimersTest {

    /** A timer in the shape Micrometer's Prometheus registry writes it, with the cumulative counts given. */
    private static String timer(String name, double... counts) {
        String[] bounds = {"1.0E-5", "1.0E-4", "0.001", "0.01", "+Inf"};
        StringBuilder text = new StringBuilder("# HELP " + name + "_seconds a timer\n# TYPE " + name + "_seconds histogram\n");
        for (int i = 0; i < bounds.length; i++) {
            text.append(name).append("_seconds_bucket{node=\"n1\",le=\"").append(bounds[i]).append("\"} ").append(counts[i]).append('\n');
        }
        return text.append(name).append("_seconds_count{node=\"n1\"} ").append(counts[bounds.length - 1]).append('\n')
                .append(name).append("_seconds_sum{node=\"n1\"} 0.5\n").toString();
    }

    @Test
    void percentilesAreTheBoundsOfTheBucketsThatHoldThemWithinTheTimeBetweenTwoReadings() {
        ServerTimers before = ServerTimers.parse(timer("majlis_a", 0, 100, 100, 100, 100) + "majlis_frames_in_total{node=\"n1\"} 7.0\n");
        // since before: 10 under 100 µs, 80 under 1 ms, 9 under 10 ms, 1 above
        ServerTimers after = ServerTimers.parse(timer("majlis_a", 0, 110, 190, 199, 200));

        assertEquals(100, after.countSince(before, "majlis_a"));
        assertEquals(0.1, after.percentileMsSince(before, "majlis_a", 0.10), 1e-9);
        assertEquals(1.0, after.percentileMsSince(before, "majlis_a", 0.11), 1e-9);
        assertEquals(1.0, after.percentileMsSince(before, "majlis_a", 0.90), 1e-9);
        assertEquals(10.0, after.percentileMsSince(before, "majlis_a", 0.99), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, after.percentileMsSince(before, "majlis_a", 1.0));
    }

    @Test
    void aTimerFirstSeenAfterTheFirstReadingCountsFromNothing() {
        ServerTimers after = ServerTimers.parse(timer("majlis_b", 1, 2, 3, 4, 4));

        assertEquals(4, after.countSince(ServerTimers.NONE, "majlis_b"));
        assertEquals(0.1, after.percentileMsSince(ServerTimers.NONE, "majlis_b", 0.5), 1e-9);
    }

    @Test
    void nothingRecordedHasNoPercentile() {
        ServerTimers reading = ServerTimers.parse(timer("majlis_c", 0, 5, 5, 5, 5));

        assertEquals(0, reading.countSince(reading, "majlis_c"));
        assertEquals(0, reading.countSince(reading, "majlis_unknown"));
        assertTrue(Double.isNaN(reading.percentileMsSince(reading, "majlis_c", 0.5)));
    }
}

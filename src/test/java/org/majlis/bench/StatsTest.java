package org.majlis.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The slow acks counted by the second of the measured time, merged across the generator's loops; what is measured. */
class StatsTest {

    @Test
    void acksOverTheLimitAreCountedByTheSecondTheirMessageWasSentIn() {
        Stats one = new Stats();
        one.ack(Stats.SLOW_ACK_MICROS, 0); // at the limit: not slow
        one.ack(Stats.SLOW_ACK_MICROS + 1, 0);
        one.ack(40_000, 2);
        one.ack(900, 2);
        assertArrayEquals(new long[] {1, 0, 1, 0}, Arrays.copyOf(one.slowAcksBySecond, 4));
        assertEquals(List.of(0.9, 40.0), List.of(one.ack.percentileMs(0.25), one.ack.maxMs()), "every ack is in the histogram too");

        Stats other = new Stats();
        other.ack(6_000, 4);
        other.ack(7_000, 2);
        Stats total = new Stats();
        total.add(one);
        total.add(other);
        other.ack(8_000, Integer.MAX_VALUE);
        assertEquals(1, other.slowAcksBySecond[other.slowAcksBySecond.length - 1], "a second past the counted ones counts in the last");
        assertArrayEquals(new long[] {1, 0, 2, 0, 1, 0}, Arrays.copyOf(total.slowAcksBySecond, 6));
        assertEquals(new Stats.SlowAcks(4, 3, 50.0), Stats.SlowAcks.of(Arrays.copyOf(total.slowAcksBySecond, 6)));
        assertEquals(new Stats.SlowAcks(0, 0, 0.0), Stats.SlowAcks.of(new Stats().slowAcksBySecond));
    }

    @Test
    void aMessageIsMeasuredFromTheStartOfTheMeasuredTimeToJustBeforeItsEnd() {
        assertEquals(List.of(0, 1, 1, 0), Stream.of(99L, 100L, 199L, 200L).map(t -> ClientPool.bitWithin(t, 100, 200)).toList());
        assertEquals(List.of(0, 1, 1, 0), Stream.of(-301L, -300L, -101L, -100L).map(t -> ClientPool.bitWithin(t, -300, -100)).toList());
        assertEquals(List.of(0, 0, 0), Stream.of(-5L, 0L, 5L).map(t -> ClientPool.bitWithin(t, Long.MAX_VALUE, Long.MAX_VALUE)).toList(),
                "nothing before the load starts");
    }
}

package org.majlis.bench;

import java.util.Arrays;

/**
 * What the clients of one event loop observed: counters and latencies. Only that loop writes it;
 * {@link #add} merges the loops once they have stopped.
 */
final class Stats {

    /** An ack slower than this (issue 16's p99 target) counts as slow: where they fall in time tells a steady tail from stalls. */
    static final long SLOW_ACK_MICROS = 5_000;
    /** Seconds the slow acks are counted by; a longer run's later ones count in the last. */
    static final int SECONDS = 3600;

    /** From send to receipt of the new_message, over the deliveries of measured messages. */
    final Histogram delivery = new Histogram();
    /** From send to the ack (sent once the message is stored), over the measured messages. */
    final Histogram ack = new Histogram();
    /** Acks slower than {@link #SLOW_ACK_MICROS}, by the second of the measured time their message was sent in. */
    final long[] slowAcksBySecond = new long[SECONDS];

    long delivered;
    long echoes;
    long duplicates;
    long outOfOrder;
    long seqErrors;
    long stray;
    long errors;
    long closed;

    void ack(long micros, int second) {
        ack.record(micros);
        slowAcksBySecond[Math.min(second, SECONDS - 1)] += (SLOW_ACK_MICROS - micros) >>> 63; // without a branch (see ClientPool#measuredBit)
    }

    /** The slow acks of a run: how many, in how many seconds, and the share of them (%) in the second with the most. */
    record SlowAcks(long count, long seconds, double worstSecondShare) {
        static SlowAcks of(long[] bySecond) {
            long count = Arrays.stream(bySecond).sum();
            long most = Arrays.stream(bySecond).max().orElse(0);
            return new SlowAcks(count, Arrays.stream(bySecond).filter(n -> n > 0).count(), count == 0 ? 0 : 100.0 * most / count);
        }
    }

    void add(Stats other) {
        delivery.add(other.delivery);
        ack.add(other.ack);
        for (int i = 0; i < SECONDS; i++) {
            slowAcksBySecond[i] += other.slowAcksBySecond[i];
        }
        delivered += other.delivered;
        echoes += other.echoes;
        duplicates += other.duplicates;
        outOfOrder += other.outOfOrder;
        seqErrors += other.seqErrors;
        stray += other.stray;
        errors += other.errors;
        closed += other.closed;
    }
}

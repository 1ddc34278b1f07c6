package org.majlis.bench;

/** Latencies in µs, for percentiles: exact below 1024 µs, then 512 buckets per power of two (under 0.2 % error). */
final class Histogram {

    private static final int LINEAR = 1024;
    private static final int PER_OCTAVE = 512;
    private static final int BUCKETS = LINEAR + (63 - 10) * PER_OCTAVE;

    private final long[] buckets = new long[BUCKETS];
    private long count;
    private long maxMicros;

    void record(long micros) {
        long v = Math.max(0, micros);
        buckets[bucket(v)]++;
        count++;
        maxMicros = Math.max(maxMicros, v);
    }

    void add(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] += other.buckets[i];
        }
        count += other.count;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    /** The latency below which the fraction p of the recorded values lie, in ms. */
    double percentileMs(double p) {
        if (count == 0) {
            return 0;
        }
        long target = Math.max(1, (long) Math.ceil(p * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets[i];
            if (seen >= target) {
                return Math.min(lowerBound(i), maxMicros) / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }

    double maxMs() {
        return maxMicros / 1000.0;
    }

    private static int bucket(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        return LINEAR + (exp - 10) * PER_OCTAVE + (int) ((v >>> (exp - 9)) & (PER_OCTAVE - 1));
    }

    private static long lowerBound(int bucket) {
        if (bucket < LINEAR) {
            return bucket;
        }
        int exp = (bucket - LINEAR) / PER_OCTAVE + 10;
        long mantissa = (bucket - LINEAR) % PER_OCTAVE;
        return (1L << exp) | (mantissa << (exp - 9));
    }
}

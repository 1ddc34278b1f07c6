package org.majlis.bench;

/**
 * What the clients of one event loop observed: counters and latencies. Only that loop writes it;
 * {@link #add} merges the loops once they have stopped.
 */
final class Stats {

    /** From send to receipt of the new_message, over the deliveries of measured messages. */
    final Histogram delivery = new Histogram();
    /** From send to the ack (sent once the message is stored), over the measured messages. */
    final Histogram ack = new Histogram();

    long delivered;
    long echoes;
    long duplicates;
    long outOfOrder;
    long seqErrors;
    long stray;
    long errors;
    long closed;

    void add(Stats other) {
        delivery.add(other.delivery);
        ack.add(other.ack);
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

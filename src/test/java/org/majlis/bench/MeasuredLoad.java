package org.majlis.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.majlis.testing.ServerProcess;

/**
 * A load scenario measured: the clients log in, the load starts, the server's CPU (by thread) and
 * memory are sampled over the measured time, and the clients' observations are read after it.
 */
final class MeasuredLoad {

    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** The server's timers of the message store's way (metrics.ChatMetrics), by their Prometheus names. */
    private static final String STORE_LATENCY = "majlis_messages_store_latency";
    private static final String STORE_WRITE = "majlis_messages_store_write";
    private static final String DELIVERY_WAIT = "majlis_messages_delivery_wait";

    /** Something measured beside the load, on the same server, with figures of its own. */
    interface Probe {
        Probe NONE = new Probe() {
        };

        /** The clients are logged in; the load has not started. */
        default void ready(ServerProcess server) throws Exception {
        }

        /** The load has started; it is measured from measureFrom to measureTo (nanoTimes). */
        default void loadStarted(long measureFrom, long measureTo) {
        }

        /** The measured time is over: the probe's figures go into the scenario's result. */
        default void report(Result result) throws Exception {
        }
    }

    private final ServerLauncher launcher;
    /** The server runs on PostgreSQL: the database's CPU is reported too. */
    private final boolean onPostgres;
    private final Probe probe;

    MeasuredLoad(ServerLauncher launcher, boolean onPostgres, Probe probe) {
        this.launcher = launcher;
        this.onPostgres = onPostgres;
        this.probe = probe;
    }

    /**
     * Clients b0..b{clients-1} logged in, then the load that start begins; measured from the
     * clients' side. With heapCheck, the live heap after a full GC at the start and at the end of
     * the measured time.
     */
    Result run(String name, int clients, int threads, int[] senders, Consumer<BenchClient> expectations,
            Function<ClientPool, long[]> start, boolean heapCheck) throws Exception {
        try (ServerProcess server = launcher.start(name, null, List.of()); ClientPool pool = new ClientPool(server.port(), clients, threads)) {
            server.awaitReady(Duration.ofSeconds(60));
            long t0 = System.nanoTime();
            pool.connectAll(Duration.ofSeconds(120));
            System.out.printf("  %d clients logged in in %.1fs, %d generator thread(s)%n", clients, Benchmark.seconds(System.nanoTime() - t0), threads);
            for (BenchClient c : pool.clients) {
                expectations.accept(c);
            }
            Thread.sleep(1000); // the presence events of the last logins go out first
            probe.ready(server);
            long[] measured = start.apply(pool);
            // read /proc once in the warm-up: reading a file, through the code the sockets are read with, has
            // the JIT recompile this JVM's socket reads, which must not happen in the measured time (performance.md)
            Sample.of(server);
            probe.loadStarted(measured[0], measured[1]);
            Benchmark.sleepUntil(measured[0]);
            long heapStart = heapCheck ? ProcStats.liveHeapKib(server.pid()) : 0;
            Sample a = Sample.of(server);
            Benchmark.sleepUntil(measured[1]);
            Sample b = Sample.of(server);
            System.out.println("  server threads, share of one core: " + b.serverThreads(a));
            long heapEnd = heapCheck ? ProcStats.liveHeapKib(server.pid()) : 0;
            long rss = ProcStats.rssKib(server.pid());
            if (!pool.awaitDelivered(DRAIN)) {
                System.out.println("  not every message was delivered " + DRAIN.toSeconds() + "s after the load stopped");
            }
            pool.close(); // stops the event loops: their observations can be read from here
            Stats stats = pool.stats();
            ClientPool.Losses losses = pool.losses(senders);
            double wall = b.wall() - a.wall();
            long acked = losses.sent() - losses.unacked();
            long[] slowBySecond = Arrays.copyOf(stats.slowAcksBySecond,
                    (int) Math.min(Stats.SECONDS, Math.ceil(Benchmark.seconds(measured[1] - measured[0]))));
            Stats.SlowAcks slow = Stats.SlowAcks.of(slowBySecond);
            Result r = new Result(name)
                    .put("sent", losses.sent(), "")
                    .put("delivered", stats.delivered, "")
                    .put("lost", losses.lost(), "")
                    .put("dup", stats.duplicates, "")
                    .put("ooo", stats.outOfOrder, "")
                    .put("rate", stats.delivered / (wall / 1e9), "/s")
                    .put("p50", stats.delivery.percentileMs(0.50), "ms")
                    .put("p90", stats.delivery.percentileMs(0.90), "ms")
                    .put("p99", stats.delivery.percentileMs(0.99), "ms")
                    .put("max", stats.delivery.maxMs(), "ms")
                    .put("acked", acked, "")
                    .put("stored", acked / (wall / 1e9), "/s")
                    .put("ack-p50", stats.ack.percentileMs(0.50), "ms")
                    .put("ack-p90", stats.ack.percentileMs(0.90), "ms")
                    .put("ack-p99", stats.ack.percentileMs(0.99), "ms")
                    .put("ack-max", stats.ack.maxMs(), "ms")
                    .put("acks-over-5ms", slow.count(), "")
                    .put("slow-seconds", slow.seconds(), "")
                    .put("slowest-second", slow.worstSecondShare(), "%")
                    .put("cpu/delivery", (b.serverCpu() - a.serverCpu()) / 1000.0 / Math.max(1, stats.delivered), "us")
                    .put("rss", rss / 1024.0, "MiB")
                    .put("gen-cpu", b.ownPercent(a), "%")
                    .put("server-cpu", b.serverPercent(a), "%")
                    .put("gen-cpu/delivery", (b.ownCpu() - a.ownCpu()) / 1000.0 / Math.max(1, stats.delivered), "us")
                    .put("others-cpu", b.othersPercent(a), "%")
                    .put("steal", b.stealPercent(a), "%");
            if (onPostgres) {
                r.put("db-cpu", b.databasePercent(a), "%")
                        .put("db-cpu/stored", (b.databaseCpu() - a.databaseCpu()) / 1000.0 / Math.max(1, acked), "us");
            }
            if (pool.clients[0].isPrivate()) {
                r.put("echoes", stats.echoes, "").put("echo-lost", losses.echoLost(), "");
            }
            if (heapCheck) {
                r.put("heap-start", heapStart / 1024.0, "MiB").put("heap-end", heapEnd / 1024.0, "MiB");
            }
            if (slow.count() > 0) {
                System.out.printf("  acks over 5 ms by second of the measured time (from %s): %s%n",
                        Instant.ofEpochMilli(GcPauses.wallMillis(measured[0])), Arrays.toString(slowBySecond));
            }
            storeTimes(a.timers(), b.timers(), r);
            GcPauses.report(server.log(), GcPauses.wallMillis(measured[0]), GcPauses.wallMillis(measured[1]), r);
            probe.report(r);
            return r.put("unacked", losses.unacked(), "")
                    .put("seq-errors", stats.seqErrors, "")
                    .put("stray", stats.stray, "")
                    .put("errors", stats.errors, "")
                    .put("closed", stats.closed, "");
        }
    }

    /**
     * The message store's share of the ack's way, from the server's histograms over the measured time
     * (each figure a bucket's bound: at most that): a message's time from the handler to its batch
     * written, the batch's write and its wait for the delivery thread, and messages per batch.
     */
    private static void storeTimes(ServerTimers before, ServerTimers after, Result r) {
        long stored = after.countSince(before, STORE_LATENCY);
        if (stored == 0) {
            return;
        }
        r.put("store-p50", after.percentileMsSince(before, STORE_LATENCY, 0.50), "ms")
                .put("store-p99", after.percentileMsSince(before, STORE_LATENCY, 0.99), "ms")
                .put("write-p99", after.percentileMsSince(before, STORE_WRITE, 0.99), "ms")
                .put("delivery-wait-p99", after.percentileMsSince(before, DELIVERY_WAIT, 0.99), "ms")
                .put("batch-mean", (double) stored / Math.max(1, after.countSince(before, STORE_WRITE)), "");
    }
}

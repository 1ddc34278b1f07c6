package org.majlis.bench;

import java.util.Map;
import org.majlis.testing.ServerProcess;

/**
 * CPU times and the server's latency histograms at one instant: others' CPU tells whether something
 * else on the machine disturbed a run.
 */
record Sample(long wall, long serverCpu, long ownCpu, long machineCpu, long steal, long databaseCpu, long serverPid,
        Map<Long, Long> serverThreads, ServerTimers timers) {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    static Sample of(ServerProcess server) {
        return new Sample(System.nanoTime(), ProcStats.cpuNanos(server.pid()), ProcStats.ownCpuNanos(),
                ProcStats.machineCpuNanos(), ProcStats.stealNanos(), ProcStats.databaseCpuNanos(), server.pid(), ProcStats.threadCpuNanos(server.pid()),
                server.metrics().map(ServerTimers::read).orElse(ServerTimers.NONE));
    }

    /** The server's CPU since before by thread, each as a share of one core (while the server still runs). */
    String serverThreads(Sample before) {
        return ProcStats.threadShares(serverPid, before.serverThreads, serverThreads, wall - before.wall);
    }

    /** Share of all cores the server used since before. */
    double serverPercent(Sample before) {
        return 100.0 * (serverCpu - before.serverCpu) / (wall - before.wall) / CORES;
    }

    /** Share of all cores the load generator (this process) used since before. */
    double ownPercent(Sample before) {
        return 100.0 * (ownCpu - before.ownCpu) / (wall - before.wall) / CORES;
    }

    /** Share of all cores the host took for others while this machine's processes were ready to run (a shared machine's noise). */
    double stealPercent(Sample before) {
        return 100.0 * (steal - before.steal) / (wall - before.wall) / CORES;
    }

    /** Share of all cores PostgreSQL's processes used since before (part of the others' share). */
    double databasePercent(Sample before) {
        return 100.0 * (databaseCpu - before.databaseCpu) / (wall - before.wall) / CORES;
    }

    /** Share of all cores used by processes other than the server and the generator since before, the database's included. */
    double othersPercent(Sample before) {
        long others = (machineCpu - before.machineCpu) - (serverCpu - before.serverCpu) - (ownCpu - before.ownCpu);
        return Math.max(0, 100.0 * others / (wall - before.wall) / CORES);
    }
}

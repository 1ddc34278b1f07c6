package org.majlis.bench;

import java.util.Map;
import org.majlis.testing.ServerProcess;

/** CPU times at one instant: others' CPU tells whether something else on the machine disturbed a run. */
record Sample(long wall, long serverCpu, long ownCpu, long machineCpu, long serverPid, Map<Long, Long> serverThreads) {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    static Sample of(ServerProcess server) {
        return new Sample(System.nanoTime(), ProcStats.cpuNanos(server.pid()), ProcStats.ownCpuNanos(),
                ProcStats.machineCpuNanos(), server.pid(), ProcStats.threadCpuNanos(server.pid()));
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

    /** Share of all cores used by processes other than the server and the generator since before. */
    double othersPercent(Sample before) {
        long others = (machineCpu - before.machineCpu) - (serverCpu - before.serverCpu) - (ownCpu - before.ownCpu);
        return Math.max(0, 100.0 * others / (wall - before.wall) / CORES);
    }
}

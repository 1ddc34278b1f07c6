package org.majlis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcPausesTest {

    /** Lines as a JVM 25 writes them with {@code -Xlog:gc:file=...:timemillis}, ParallelGC. */
    private static final List<String> LOG = List.of(
            "[1764826800000ms] Using Parallel",
            "[1764826801000ms] GC(0) Pause Young (Allocation Failure) 48M->12M(245M) 18.280ms",
            "[1764826810000ms] GC(1) Pause Young (Allocation Failure) 60M->25M(238M) 2.424ms",
            "[1764826811000ms] GC(2) Pause Full (Ergonomics) 190M->30M(245M) 41.500ms",
            "[1764826812000ms] GC(3) Pause Full (System.gc()) 40M->29M(245M) 35.000ms",
            "[1764826813000ms] GC(4) Pause Full (Diagnostic Command: GC.class_histogram) 40M->29M(245M) 30.000ms",
            "[1764826819999ms] GC(5) Pause Young (Allocation Failure) 68M->23M(255M) 3.851ms",
            "[1764826820001ms] GC(6) Pause Young (Allocation Failure) 69M->23M(255M) 2.600ms");

    @Test
    void onlyTheLoadsPausesWithinTheWindowCount() {
        assertEquals(List.of(2.424, 41.5, 3.851), GcPauses.within(LOG, 1764826810000L, 1764826820000L));
        assertEquals(List.of(18.28), GcPauses.within(LOG, 1764826800000L, 1764826805000L));
        assertEquals(List.of(), GcPauses.within(LOG, 1764826821000L, 1764826830000L));
    }

    @Test
    void reportsCountMedianLongestAndTotal(@TempDir Path dir) throws Exception {
        Path serverLog = dir.resolve("server-private.log");
        Files.write(GcPauses.log(serverLog), LOG);
        Result result = new Result("private");
        GcPauses.report(serverLog, 1764826810000L, 1764826820000L, result);
        String line = result.line();
        assertTrue(line.contains(" gc-pauses=3 "), line);
        assertTrue(line.contains(" gc-pause-p50=3.85ms "), line);
        assertTrue(line.contains(" gc-pause-max=41.5ms "), line);
        assertTrue(line.contains(" gc-paused=47.8ms"), line);
        assertEquals("-Xlog:gc:file=" + dir.resolve("server-private-gc.log") + ":timemillis", GcPauses.logFlag(serverLog));
    }

    @Test
    void noLogNoFigures(@TempDir Path dir) throws Exception {
        Result result = new Result("private");
        GcPauses.report(dir.resolve("server-private.log"), 0, Long.MAX_VALUE, result);
        assertFalse(result.line().contains("gc-"), result.line());
    }
}

package org.majlis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's garbage collection pauses within the measured time, read from the GC log its JVM
 * writes beside its own log. Counted over the measured time only: the warm-up's pauses, while
 * the heap settles and the JIT compiles, are several times longer and say nothing of the load.
 */
final class GcPauses {

    /** A line of {@code -Xlog:gc} with the {@code timemillis} decoration, written as a pause ends. */
    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+)ms\\] GC\\(\\d+\\) Pause \\w+ \\((.*)\\) \\S+ ([\\d.]+)ms$");

    private GcPauses() {
    }

    /** The JVM flag that has the server write the GC log that {@link #report} reads. */
    static String logFlag(Path serverLog) {
        return "-Xlog:gc:file=" + log(serverLog) + ":timemillis";
    }

    /** The GC log beside the server's log. */
    static Path log(Path serverLog) {
        return serverLog.resolveSibling(serverLog.getFileName().toString().replaceFirst("\\.log$", "") + "-gc.log");
    }

    /**
     * The durations (ms) of the pauses that ended from fromMillis to toMillis (wall clock), in
     * order; those the benchmark asks for itself (a heap reading's full collection) left out.
     */
    static List<Double> within(List<String> lines, long fromMillis, long toMillis) {
        List<Double> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.matches() || m.group(2).contains("System.gc()") || m.group(2).contains("Diagnostic Command")) {
                continue;
            }
            long end = Long.parseLong(m.group(1));
            if (end >= fromMillis && end <= toMillis) {
                pauses.add(Double.parseDouble(m.group(3)));
            }
        }
        return pauses;
    }

    /** Puts the count, median, longest and total of the measured time's pauses; nothing without a GC log (a server in a container). */
    static void report(Path serverLog, long fromMillis, long toMillis, Result result) throws IOException {
        Path log = log(serverLog);
        if (!Files.exists(log)) {
            return;
        }
        List<Double> pauses = new ArrayList<>(within(Files.readAllLines(log), fromMillis, toMillis));
        pauses.sort(null);
        double total = pauses.stream().mapToDouble(Double::doubleValue).sum();
        result.put("gc-pauses", pauses.size(), "")
                .put("gc-pause-p50", pauses.isEmpty() ? 0 : pauses.get(pauses.size() / 2), "ms")
                .put("gc-pause-max", pauses.isEmpty() ? 0 : pauses.getLast(), "ms")
                .put("gc-paused", total, "ms");
    }

    /** The wall-clock time (ms) of a {@link System#nanoTime} reading of this JVM. */
    static long wallMillis(long nanoTime) {
        return System.currentTimeMillis() - (System.nanoTime() - nanoTime) / 1_000_000;
    }
}

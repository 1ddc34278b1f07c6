package org.majlis.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.majlis.testing.ServerProcess;

/** CPU time and memory of the server process (from /proc and jcmd) and of this JVM. */
final class ProcStats {

    private static final long CLOCK_TICKS = clockTicks();
    // One line per heap space in GC.heap_info, e.g. " ParOldGen  total 175104K, used 12345K [...".
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    // A thread in Thread.print: "vert.x-eventloop-thread-0" #37 ... nid=0x4a2f (or nid=18991) ...
    private static final Pattern THREAD = Pattern.compile("^\"([^\"]+)\".*? nid=(0x[0-9a-f]+|\\d+)", Pattern.MULTILINE);
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcStats() {
    }

    /** utime + stime of the process, in ns. */
    static long cpuNanos(long pid) {
        return cpuNanos(read(Path.of("/proc", Long.toString(pid), "stat")));
    }

    private static long cpuNanos(String stat) {
        // The command name may contain spaces: fields are counted after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / CLOCK_TICKS;
    }

    /** utime + stime of each thread of the process, in ns, by thread id. */
    static Map<Long, Long> threadCpuNanos(long pid) {
        Map<Long, Long> cpu = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    cpu.put(Long.parseLong(task.getFileName().toString()), cpuNanos(Files.readString(task.resolve("stat"))));
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return cpu;
    }

    /**
     * Where the process's CPU went between two {@link #threadCpuNanos} readings, by Java thread
     * name with its digits folded (the event loops together), each as a share of one core, largest
     * first; a thread Thread.print does not list counts as "(jvm)".
     */
    static String threadShares(long pid, Map<Long, Long> before, Map<Long, Long> after, long wallNanos) {
        Map<Long, String> names = new HashMap<>();
        Matcher m = THREAD.matcher(jcmd(pid, "Thread.print"));
        while (m.find()) {
            names.put(Long.decode(m.group(2)), m.group(1).replaceAll("\\d+", "N"));
        }
        Map<String, Long> byName = new HashMap<>();
        after.forEach((tid, nanos) -> byName.merge(names.getOrDefault(tid, "(jvm)"), nanos - before.getOrDefault(tid, 0L), Long::sum));
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() * 200 >= wallNanos) // 0.5 % of a core and more
                .map(e -> String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue() / wallNanos))
                .collect(Collectors.joining(", "));
    }

    static long rssKib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** Heap in use right after a full GC, i.e. the live heap, in KiB. */
    static long liveHeapKib(long pid) {
        jcmd(pid, "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        long used = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
        }
        return used;
    }

    /**
     * CPU time used by every process of the machine (busy, not idle nor waiting for I/O), in ns;
     * not the time the host gave to others while this machine's processes were ready to run (steal).
     */
    static long machineCpuNanos() {
        String[] cpu = machineCpuFields();
        long busy = 0;
        // user nice system idle iowait irq softirq: all but idle and iowait
        for (int i = 1; i <= 7; i++) {
            busy += i == 4 || i == 5 ? 0 : Long.parseLong(cpu[i]);
        }
        return busy * 1_000_000_000L / CLOCK_TICKS;
    }

    /** Time the host (hypervisor) ran something else while this machine's processes were ready, summed over cores, in ns. */
    static long stealNanos() {
        return Long.parseLong(machineCpuFields()[8]) * 1_000_000_000L / CLOCK_TICKS;
    }

    private static String[] machineCpuFields() {
        return read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
    }

    /** utime + stime of every PostgreSQL process of the machine (the database the server may use), in ns. */
    static long databaseCpuNanos() {
        long nanos = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
                        nanos += cpuNanos(Files.readString(process.resolve("stat")));
                    }
                } catch (IOException gone) {
                    // the process ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return nanos;
    }

    /** CPU time of this JVM (the load generator), in ns. */
    static long ownCpuNanos() {
        return OS.getProcessCpuTime();
    }

    private static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder(ServerProcess.jdkTool("jcmd"), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.majlis.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.majlis.testing.ServerProcess;

/**
 * The message writer's transaction on embedded engines and PostgreSQL, outside the server: for
 * each batch size, messages to 500 direct conversations are numbered (the conversations' rows
 * read and locked), inserted and their conversations' last seq updated, one commit per batch,
 * as JdbcMessageWriter does. Prints messages per second, this process's CPU per message (for
 * PostgreSQL the client's only: its server's CPU is not counted) and the bytes handed to write(2)
 * (embedded engines) or added to the WAL (PostgreSQL) per message. H2 with WRITE_DELAY=0 and SQLite
 * in WAL mode keep a commit through kill -9 without an fsync; SQLite with synchronous=FULL and
 * PostgreSQL fsync each commit. Run with the benchmark's profile:
 * {@code ./mvnw -B -Pbench verify -Dbench.main=org.majlis.bench.StoreEngines} (of its arguments, only
 * {@code --out} is used).
 */
public final class StoreEngines {

    private record Engine(String name, String url, boolean forUpdate, List<String> setup) {
    }

    private static final int CONVERSATIONS = 500;
    private static final int MESSAGES = 20_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target");
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            }
        }
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory(out.toAbsolutePath(), "engines-");
        List<Engine> engines = List.of(
                new Engine("h2-file WRITE_DELAY=0", "jdbc:h2:file:" + dir.resolve("h2") + "/majlis;WRITE_DELAY=0;QUERY_CACHE_SIZE=64", true, List.of()),
                new Engine("h2 PAGE_SIZE=1024", "jdbc:h2:file:" + dir.resolve("h2") + "/majlis;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;PAGE_SIZE=1024", true, List.of()),
                new Engine("h2 RETENTION_TIME=0", "jdbc:h2:file:" + dir.resolve("h2") + "/majlis;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;RETENTION_TIME=0", true, List.of()),
                new Engine("sqlite WAL synchronous=NORMAL", "jdbc:sqlite:" + dir.resolve("sqlite-normal.db"), false,
                        List.of("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")),
                new Engine("sqlite WAL synchronous=FULL", "jdbc:sqlite:" + dir.resolve("sqlite-full.db"), false,
                        List.of("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL")),
                new Engine("postgresql (local, fsync)", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", true, List.of()));
        System.out.printf("%-32s %6s %12s %14s %14s%n", "engine", "batch", "messages/s", "cpu µs/msg", "bytes/msg");
        for (Engine engine : engines) {
            for (int batch : new int[] {1, 16, 128}) {
                Path files = dir.resolve("run-" + Math.abs(engine.name().hashCode()) + "-" + batch);
                String url = engine.url().replace(dir.toString(), files.toString());
                Files.createDirectories(files);
                if (url.contains(":h2:")) {
                    Files.createDirectories(files.resolve("h2"));
                }
                try (Connection c = DriverManager.getConnection(url)) {
                    for (String pragma : engine.setup()) {
                        try (Statement s = c.createStatement()) {
                            s.execute(pragma);
                        }
                    }
                    schema(c);
                    boolean postgres = url.contains("postgresql");
                    long bytesBefore = postgres ? pgBytes(c) : written();
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    write(c, batch, engine.forUpdate());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / MESSAGES;
                    long bytes = (postgres ? pgBytes(c) : written()) - bytesBefore;
                    System.out.printf("%-32s %6d %12.0f %14.1f %14.0f%n", engine.name(), batch, MESSAGES / seconds, cpuMicros,
                            (double) bytes / MESSAGES);
                    if (postgres) {
                        drop(c);
                    }
                }
            }
        }
        ServerProcess.delete(dir);
    }

    private static void schema(Connection c) throws SQLException {
        drop(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_conversations (id VARCHAR(420) PRIMARY KEY, last_seq BIGINT NOT NULL)");
            s.execute("""
                    CREATE TABLE bench_messages (conversation_id VARCHAR(420) NOT NULL, seq BIGINT NOT NULL,
                        id VARCHAR(40) NOT NULL UNIQUE, sender VARCHAR(200) NOT NULL, sender_key VARCHAR(200) NOT NULL,
                        recipient VARCHAR(200), body VARCHAR(8000) NOT NULL, sent_at BIGINT NOT NULL,
                        PRIMARY KEY (conversation_id, seq))""");
        }
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_conversations (id, last_seq) VALUES (?, 0)")) {
            for (int i = 0; i < CONVERSATIONS; i++) {
                p.setString(1, "d:user" + (2 * i) + "/user" + (2 * i + 1));
                p.addBatch();
            }
            p.executeBatch();
        }
        c.commit();
    }

    private static void drop(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_messages");
            s.execute("DROP TABLE IF EXISTS bench_conversations");
        }
        c.setAutoCommit(auto);
    }

    private static void write(Connection c, int batch, boolean forUpdate) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        long sequence = 0;
        for (int done = 0; done < MESSAGES; done += batch) {
            List<String> conversations = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                int pair = random.nextInt(CONVERSATIONS);
                conversations.add("d:user" + (2 * pair) + "/user" + (2 * pair + 1));
            }
            List<String> distinct = conversations.stream().distinct().toList();
            Map<String, long[]> lastSeqs = new HashMap<>();
            String marks = String.join(",", java.util.Collections.nCopies(distinct.size(), "?"));
            try (PreparedStatement p = c.prepareStatement("SELECT id, last_seq FROM bench_conversations WHERE id IN (" + marks + ")"
                    + (forUpdate ? " FOR UPDATE" : ""))) {
                for (int i = 0; i < distinct.size(); i++) {
                    p.setString(i + 1, distinct.get(i));
                }
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next()) {
                        lastSeqs.put(rows.getString(1), new long[] {rows.getLong(2)});
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_messages (conversation_id, seq, id, sender, sender_key,"
                    + " recipient, body, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (String conversation : conversations) {
                    p.setString(1, conversation);
                    p.setLong(2, ++lastSeqs.get(conversation)[0]);
                    p.setString(3, String.format("m%013x%06x", System.currentTimeMillis(), ++sequence));
                    p.setString(4, "Sender");
                    p.setString(5, "sender");
                    p.setString(6, "recipient");
                    p.setString(7, "a message of an ordinary length, some sixty characters long");
                    p.setLong(8, System.currentTimeMillis());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE bench_conversations SET last_seq = ? WHERE id = ?")) {
                for (Map.Entry<String, long[]> e : lastSeqs.entrySet()) {
                    p.setLong(1, e.getValue()[0]);
                    p.setString(2, e.getKey());
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        }
    }

    /** Bytes this process has handed to write(2) so far (/proc/self/io wchar): the embedded engines' writes. */
    private static long written() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/io")).stream().filter(l -> l.startsWith("wchar:"))
                .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElse(0);
    }

    /** PostgreSQL's WAL position, in bytes. */
    private static long pgBytes(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            r.next();
            return r.getLong(1);
        } finally {
            c.setAutoCommit(auto);
        }
    }
}

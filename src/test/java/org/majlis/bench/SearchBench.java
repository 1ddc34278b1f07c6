package org.majlis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.majlis.messages.SearchText;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/**
 * Search over a big history: a server makes its schema, 1,000,000 messages (the system property
 * {@code bench.search.messages}) are written straight into its database with their search text,
 * as the server would index them, then the server starts again and one client asks two-word
 * queries one after the other, timing each answer. Words follow Zipf's law over a vocabulary of
 * Latin-script and Arabic words, as chat text does, and queries pick their words the same way.
 * {@code search} runs on the embedded SQLite, {@code search-pg} on a database of its own on the
 * local PostgreSQL (created and dropped).
 */
final class SearchBench {

    private static final int MESSAGES = Integer.getInteger("bench.search.messages", 1_000_000);
    private static final int VOCABULARY = 20_000;
    private static final int WARMUP_QUERIES = 50;
    private static final int QUERIES = 400;
    private static final String PG_DATABASE = "majlis_bench_search";
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/" + PG_DATABASE;

    private final ServerLauncher launcher;
    private final String[] words = new String[VOCABULARY];
    private final double[] cumulative = new double[VOCABULARY];

    SearchBench(ServerLauncher launcher) {
        this.launcher = launcher;
        SplittableRandom random = new SplittableRandom(42);
        String latin = "bdfghklmnprstvz";
        String vowels = "aeiou";
        String arabic = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";
        double total = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            StringBuilder word = new StringBuilder();
            int syllables = 1 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                if (i % 3 == 2) {
                    word.append(arabic.charAt(random.nextInt(arabic.length()))).append(arabic.charAt(random.nextInt(arabic.length())));
                } else {
                    word.append(latin.charAt(random.nextInt(latin.length()))).append(vowels.charAt(random.nextInt(vowels.length())));
                }
            }
            words[i] = word.append(i % 3 == 2 ? "" : Integer.toString(i, 36).substring(0, 1)).toString();
            total += 1.0 / (i + 1);
            cumulative[i] = total;
        }
    }

    private String word(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[VOCABULARY - 1];
        int low = 0;
        int high = VOCABULARY - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] < target) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return words[low];
    }

    Result run(boolean postgres) throws Exception {
        String scenario = postgres ? "search-pg" : "search";
        Path data = ServerProcess.tempDir("majlis-search-");
        List<String> flags = postgres ? List.of("-Dquarkus.profile=prod,postgres", "-Dquarkus.datasource.pg.jdbc.url=" + PG_URL)
                : List.of();
        try {
            if (postgres) {
                administer("DROP DATABASE IF EXISTS " + PG_DATABASE, "CREATE DATABASE " + PG_DATABASE);
            }
            try (ServerProcess schema = launcher.start(scenario + "-schema", data, flags)) {
                schema.awaitReady(Duration.ofSeconds(60));
            }
            long t0 = System.nanoTime();
            try (Connection connection = postgres ? DriverManager.getConnection(PG_URL + "?user=postgres&reWriteBatchedInserts=true")
                    : DriverManager.getConnection("jdbc:sqlite:" + data.resolve("majlis.db"))) {
                fill(connection);
            }
            double fillSeconds = Benchmark.seconds(System.nanoTime() - t0);
            try (ServerProcess server = launcher.start(scenario, data, flags)) {
                long started = System.nanoTime();
                server.awaitReady(Duration.ofSeconds(120));
                if (!postgres) { // the embedded store indexes what it finds unindexed after it is ready
                    awaitLogLine(server, "stored messages for search");
                }
                return query(server, scenario).put("messages", MESSAGES, "").put("fill-time", fillSeconds, "s")
                        .put("ready-and-indexed", Benchmark.seconds(System.nanoTime() - started), "s");
            }
        } finally {
            ServerProcess.delete(data);
            if (postgres) {
                administer("DROP DATABASE IF EXISTS " + PG_DATABASE);
            }
        }
    }

    private static void awaitLogLine(ServerProcess server, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!Files.readString(server.log()).contains(text)) {
            server.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no \"" + text + "\" in " + server.log());
            }
            Thread.sleep(200);
        }
    }

    private static void administer(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PG_ADMIN); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The messages, in general, from 500 senders, a second apart, numbered as the server would. */
    private void fill(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        SplittableRandom random = new SplittableRandom(7);
        long start = System.currentTimeMillis() - MESSAGES * 1000L;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (conversation_id, seq, id, sender,"
                + " sender_key, body, sent_at, search_text) VALUES ('r:general', ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= MESSAGES; i++) {
                StringBuilder body = new StringBuilder();
                for (int w = 4 + random.nextInt(12); w > 0; w--) {
                    body.append(body.isEmpty() ? "" : " ").append(word(random));
                }
                String sender = "user" + random.nextInt(500);
                insert.setLong(1, i);
                insert.setString(2, String.format("m_%026d", i));
                insert.setString(3, sender);
                insert.setString(4, sender);
                insert.setString(5, body.toString());
                insert.setLong(6, start + i * 1000L);
                insert.setString(7, SearchText.indexed(body.toString()));
                insert.addBatch();
                if (i % 10_000 == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE conversations SET last_seq = ? WHERE id = 'r:general'")) {
            update.setLong(1, MESSAGES);
            update.executeUpdate();
        }
        connection.commit();
        if (connection.getMetaData().getURL().contains("postgresql")) {
            // what autovacuum does after a bulk change: the planner's statistics of the new rows
            connection.setAutoCommit(true);
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE messages");
            }
        }
    }

    private Result query(ServerProcess server, String scenario) {
        SplittableRandom random = new SplittableRandom(11);
        Histogram latency = new Histogram();
        long hits = 0;
        try (TestClient client = TestClient.guest(server.ws(), "searcher")) {
            for (int i = 0; i < WARMUP_QUERIES + QUERIES; i++) {
                String query = word(random) + " " + word(random);
                long t0 = System.nanoTime();
                client.send("search", "q" + i, Json.object("query", query));
                JsonNode answer = client.awaitAnswer("q" + i);
                long micros = (System.nanoTime() - t0) / 1000;
                if (!"search".equals(answer.path("type").asText())) {
                    throw new IllegalStateException("search refused: " + answer);
                }
                if (i >= WARMUP_QUERIES) {
                    latency.record(micros);
                    hits += answer.path("payload").path("hits").size();
                }
                client.drain("presence");
            }
        }
        return new Result(scenario)
                .put("queries", QUERIES, "")
                .put("p50", latency.percentileMs(0.50), "ms")
                .put("p99", latency.percentileMs(0.99), "ms")
                .put("max", latency.maxMs(), "ms")
                .put("hits-per-query", hits / (double) QUERIES, "");
    }
}

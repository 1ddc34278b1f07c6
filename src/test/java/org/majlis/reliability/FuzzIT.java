package org.majlis.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.majlis.testing.RawSocketClient;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * Malformed input against a live server (the packaged jar, Netty's leak detector at its strictest)
 * for a bounded time: every kind of broken frame, and every field of every event with every wrong
 * JSON type. Each frame gets one of the protocol's error codes (never {@code internal}) or a close
 * code, connections stay open, a bystander conversation keeps flowing in order, and the server
 * logs no error and no buffer leak.
 */
class FuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final long FUZZ_MILLIS = Long.getLong("fuzz.millis", 8000);
    private static final Set<String> PROTOCOL_CODES = Set.of("bad_request", "unknown_type", "invalid_payload",
            "not_logged_in", "already_logged_in", "username_invalid", "username_taken", "guests_disabled", "auth_failed",
            "user_not_found", "room_not_found", "room_exists", "forbidden", "not_found", "too_large", "rate_limited");

    /** One valid payload per event: the fields to break one at a time. */
    private static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("login", "{\"username\":\"fuzzy\"}"),
            Map.entry("send_message", "{\"message\":\"hi\",\"room\":\"general\",\"attachments\":[]}"),
            Map.entry("private_message", "{\"message\":\"hi\",\"to\":\"someone\"}"),
            Map.entry("status", "{\"status\":\"away\"}"),
            Map.entry("users", "{}"),
            Map.entry("history", "{\"room\":\"general\",\"before\":10,\"after\":1,\"limit\":5}"),
            Map.entry("read", "{\"room\":\"general\",\"seq\":1}"),
            Map.entry("typing", "{\"room\":\"general\",\"active\":true}"),
            Map.entry("react", "{\"messageId\":\"m_x\",\"emoji\":\"👍\",\"on\":true}"),
            Map.entry("edit_message", "{\"messageId\":\"m_x\",\"message\":\"x\"}"),
            Map.entry("delete_message", "{\"messageId\":\"m_x\"}"),
            Map.entry("create_room", "{\"room\":\"fz\",\"private\":true,\"members\":[\"a\"]}"),
            Map.entry("join_room", "{\"room\":\"fz\"}"),
            Map.entry("leave_room", "{\"room\":\"fz\"}"),
            Map.entry("invite", "{\"room\":\"fz\",\"username\":\"a\"}"),
            Map.entry("rooms", "{}"));
    private static final List<String> WRONG_VALUES = List.of("42", "-1", "1e308", "123456789012345678901234567890", "true",
            "null", "\"text\"", "[]", "{}", "[[[[[[[[[[1]]]]]]]]]]", "-0.5", "\"\\u0000\"",
            "\"\\ud800\"", "\"" + "x".repeat(60_000) + "\"");
    /** The wrong values but the last, the 60,000-character string, for the fast random part. */
    private static final int SMALL_WRONG_VALUES = WRONG_VALUES.size() - 1;

    @Test
    void brokenFramesGetTheProtocolsAnswersAndNothingElseSuffers() throws Exception {
        Path data = ServerProcess.tempDir("fuzz-");
        Path log = data.resolve("server.log");
        try (ServerProcess server = ServerProcess.launch(ServerProcess.JAR, List.of("-Dio.netty.leakDetection.level=paranoid"),
                data, log, List.of("-Dmajlis.limits.messages-per-second=100000", "-Dmajlis.limits.messages-burst=100000",
                        "-Dmajlis.limits.logins-per-second=1000", "-Dmajlis.limits.logins-burst=1000"))) {
            server.awaitReady(java.time.Duration.ofSeconds(60));
            Bystanders bystanders = new Bystanders(server);
            bystanders.start();

            // every field of every event, with every wrong JSON type, logged in and not
            try (TestClient in = TestClient.guest(server.ws(), Unique.name("fz")); TestClient out = TestClient.connect(server.ws())) {
                int sent = 0;
                for (Map.Entry<String, String> event : EVENTS.entrySet()) {
                    for (String frame : brokenFields(event.getKey(), event.getValue())) {
                        in.send(frame);
                        out.send(frame);
                        sent++;
                    }
                }
                in.send("{\"type\":\"ping\",\"id\":\"end\"}");
                in.await("pong");
                assertOnlyProtocolErrors(in);
                assertOnlyProtocolErrors(out);
                in.assertAlive();
                assertTrue(sent > 300, "sent " + sent);
            }

            // random garbage, truncated and nested JSON, binary frames, as fast as they go
            Random random = new Random(SEED);
            List<TestClient> fuzzers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fuzzers.add(TestClient.guest(server.ws(), Unique.name("fz")));
            }
            long frames = 0;
            long end = System.currentTimeMillis() + FUZZ_MILLIS;
            while (System.currentTimeMillis() < end) {
                TestClient fuzzer = fuzzers.get(random.nextInt(fuzzers.size()));
                if (random.nextInt(20) == 0) {
                    byte[] bytes = new byte[random.nextInt(200)];
                    random.nextBytes(bytes);
                    fuzzer.sendBinary(bytes);
                } else {
                    fuzzer.send(randomFrame(random));
                }
                if (++frames % 40 == 0) {
                    Thread.sleep(5); // thousands of frames a second, paced so that the answers keep up
                }
            }
            for (TestClient fuzzer : fuzzers) {
                fuzzer.send("{\"type\":\"ping\"}");
                fuzzer.await("pong", e -> true, null, java.time.Duration.ofSeconds(60));
                assertOnlyProtocolErrors(fuzzer);
                fuzzer.assertAlive();
                fuzzer.close();
            }
            assertTrue(frames > 5_000, "only " + frames + " random frames (seed " + SEED + ")");
            System.out.printf("FuzzIT: %d random frames in %d ms, seed %d%n", frames, FUZZ_MILLIS, SEED);

            // invalid UTF-8 in a text frame closes with 1007 (RFC 6455); an oversize frame with 1009
            try (RawSocketClient raw = new RawSocketClient(server.ws(), 65536)) {
                raw.sendFrame(0x1, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
                assertEquals("close 1007", raw.readFrame());
            }
            try (RawSocketClient raw = new RawSocketClient(server.ws(), 65536)) {
                raw.sendText("{\"type\":\"ping\",\"x\":\"" + "y".repeat(70_000) + "\"}");
                assertEquals(1009, raw.readUntilClose());
            }

            bystanders.stopAndCheck();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(!output.contains("LEAK:"), "Netty reported a buffer leak (seed " + SEED + "), see " + log);
        assertTrue(!output.contains("\"level\":\"ERROR\""), "the server logged an error (seed " + SEED + "), see " + log);
    }

    /** The event with each field replaced by each wrong value, plus the field missing, plus the payload broken. */
    static List<String> brokenFields(String type, String payload) throws Exception {
        List<String> frames = new ArrayList<>();
        JsonNode fields = TestClient.JSON.readTree(payload);
        for (var names = fields.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            for (String wrong : WRONG_VALUES) {
                var broken = fields.deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) broken).set(field, TestClient.JSON.readTree(wrong));
                frames.add("{\"type\":\"" + type + "\",\"id\":\"f\",\"payload\":" + TestClient.JSON.writeValueAsString(broken) + "}");
            }
            var missing = fields.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) missing).remove(field);
            frames.add("{\"type\":\"" + type + "\",\"id\":\"f\",\"payload\":" + missing + "}");
        }
        for (String wrong : WRONG_VALUES) {
            frames.add("{\"type\":\"" + type + "\",\"id\":\"f\",\"payload\":" + wrong + "}");
        }
        return frames;
    }

    static String randomFrame(Random random) {
        List<String> events = new ArrayList<>(EVENTS.keySet());
        String type = events.get(random.nextInt(events.size()));
        String valid = "{\"type\":\"" + type + "\",\"id\":\"r\",\"payload\":" + EVENTS.get(type) + "}";
        return switch (random.nextInt(7)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length())); // truncated
            case 1 -> "[".repeat(random.nextInt(5000)) + "]".repeat(random.nextInt(10)); // deeply nested
            case 2 -> "{\"type\":\"" + type + "\",\"payload\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "}";
            case 3 -> randomText(random);
            case 4 -> valid.replace("general", randomText(random).replace("\"", "").replace("\\", ""));
            case 5 -> "{\"type\":\"" + randomText(random).replace("\"", "").replace("\\", "") + "\"}";
            default -> valid.replaceFirst("\\d|true|\"[a-z_]+\"", WRONG_VALUES.get(random.nextInt(SMALL_WRONG_VALUES)));
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(64);
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> random.nextInt(0x20);
                case 2 -> 0x600 + random.nextInt(0x100);
                default -> 0x1F300 + random.nextInt(0x300);
            };
            text.appendCodePoint(cp);
        }
        return text.toString();
    }

    private static void assertOnlyProtocolErrors(TestClient client) {
        for (JsonNode error : client.drain("error")) {
            String code = error.path("payload").path("code").asText();
            assertTrue(PROTOCOL_CODES.contains(code), "unexpected error " + error + " (seed " + SEED + ")");
        }
    }

    /** Two users who chat throughout: every message arrives, once, in order. */
    private static final class Bystanders {
        private final TestClient sender;
        private final TestClient receiver;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final String tag = Unique.name("calm");
        private Thread thread;
        private int sent;

        Bystanders(ServerProcess server) {
            sender = TestClient.guest(server.ws(), Unique.name("bys"));
            receiver = TestClient.guest(server.ws(), Unique.name("byr"));
        }

        void start() {
            thread = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    sender.send("send_message", "c" + sent, org.majlis.testing.Json.object("message", tag + " " + sent));
                    sent++;
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stopAndCheck() throws InterruptedException {
            running.set(false);
            thread.join();
            for (int i = 0; i < sent; i++) {
                int expected = i;
                JsonNode message = receiver.await("new_message",
                        e -> e.path("payload").path("message").asText().startsWith(tag + " "));
                assertEquals(tag + " " + expected, message.path("payload").path("message").asText(), "in order, none lost");
            }
            sender.close();
            receiver.close();
        }
    }
}

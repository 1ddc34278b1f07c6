package org.majlis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client for tests: sends raw frames and waits for the server's events. */
public final class TestClient implements AutoCloseable {

    private JsonNode welcome;

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final List<JsonNode> received = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final List<String> pings = new ArrayList<>();

    private TestClient(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> {
            synchronized (received) {
                try {
                    received.add(JSON.readTree(text));
                } catch (Exception e) {
                    received.add(JSON.createObjectNode().put("type", "<not json>").put("text", text));
                }
                received.notifyAll();
            }
        });
        socket.frameHandler(frame -> {
            if (frame.type() == io.vertx.core.http.WebSocketFrameType.PING) {
                synchronized (received) {
                    pings.add(frame.textData());
                }
            }
        });
        socket.closeHandler(v -> closeCode.complete(socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode()));
    }

    public static TestClient connect(URI uri) {
        return connect(uri, new WebSocketConnectOptions());
    }

    public static TestClient connect(URI uri, WebSocketConnectOptions options) {
        return connect(uri, options, new io.vertx.core.http.WebSocketClientOptions());
    }

    /** With client options, e.g. the certificate to trust for {@code wss://}. */
    public static TestClient connect(URI uri, WebSocketConnectOptions options, io.vertx.core.http.WebSocketClientOptions clientOptions) {
        WebSocketClient client = VERTX.createWebSocketClient(clientOptions.setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
        options.setHost(uri.getHost()).setPort(uri.getPort()).setURI(uri.getPath()).setSsl("https".equals(uri.getScheme()) || "wss".equals(uri.getScheme()));
        try {
            // the handlers are set on the event loop as the upgrade completes: a frame the server sends at
            // once (the welcome of a bearer login) is not lost before they are there
            return client.connect(options).map(TestClient::new).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot connect to " + uri, e);
        }
    }

    /** Connects and logs in as a guest, returning once welcome has arrived. */
    public static TestClient guest(URI uri, String name) {
        TestClient client = connect(uri);
        client.send("{\"type\":\"login\",\"payload\":{\"username\":" + quote(name) + "}}");
        client.welcome = client.await("welcome").path("payload");
        return client;
    }

    /** Connects and sends a login with the token (an account's, or an earlier welcome's); the welcome stays to be awaited. */
    public static TestClient withToken(URI uri, String token) {
        TestClient client = connect(uri);
        client.send("{\"type\":\"login\",\"payload\":{\"token\":" + quote(token) + "}}");
        return client;
    }

    /** The payload of the welcome that {@link #guest} waited for. */
    public JsonNode welcome() {
        return welcome;
    }

    /**
     * Logs in as a guest, retrying while the name is still taken: the server sees an earlier
     * connection of that name close a moment after the client does. The welcome stays to be awaited.
     */
    public static TestClient guestOnceFree(URI uri, String name) {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (true) {
            TestClient client = connect(uri);
            client.send("{\"type\":\"login\",\"payload\":{\"username\":" + quote(name) + "}}");
            JsonNode answer = client.await("welcome", e -> true, "error");
            if ("welcome".equals(answer.path("type").asText())) {
                synchronized (client.received) {
                    client.received.add(0, answer);
                }
                return client;
            }
            client.close();
            if (!"username_taken".equals(answer.path("payload").path("code").asText()) || System.currentTimeMillis() > deadline) {
                return fail("cannot log in as " + name + ": " + answer);
            }
        }
    }

    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(String frame) {
        socket.writeTextMessage(frame);
    }

    public void send(String type, String id, ObjectNode payload) {
        ObjectNode frame = JSON.createObjectNode().put("type", type);
        if (id != null) {
            frame.put("id", id);
        }
        if (payload != null) {
            frame.set("payload", payload);
        }
        send(frame.toString());
    }

    public void sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes));
    }

    /** The next event of the type (earlier events of other types stay for later awaits). */
    public JsonNode await(String type) {
        return await(type, e -> true);
    }

    public JsonNode await(String type, Predicate<JsonNode> matching) {
        return await(type, matching, null);
    }

    /** The next event of the type that matches, or of the other type (which matches anyway), whichever is first. */
    public JsonNode await(String type, Predicate<JsonNode> matching, String orType) {
        return await(type, matching, orType, WAIT);
    }

    /** As {@link #await(String, Predicate, String)}, waiting up to {@code wait}. */
    public JsonNode await(String type, Predicate<JsonNode> matching, String orType, Duration wait) {
        return awaitEvent(event -> {
            String got = event.path("type").asText();
            return (type.equals(got) && matching.test(event)) || got.equals(orType);
        }, "no " + type + " event", wait);
    }

    /** The next event, of any type, that answers the request with this id: it carries it as {@code ref}. */
    public JsonNode awaitAnswer(String id) {
        return awaitEvent(event -> id.equals(event.path("payload").path("ref").asText(null)), "no answer to " + id, WAIT);
    }

    /** The {@code ack} answering the request with this id; fails on any other answer (an error). */
    public JsonNode awaitAck(String id) {
        JsonNode answer = awaitAnswer(id);
        assertEquals("ack", answer.path("type").asText(), () -> "the answer to " + id + " was " + answer);
        return answer;
    }

    /** Removes and returns every answer to the request with this id received so far. */
    public List<JsonNode> drainAnswers(String id) {
        List<JsonNode> drained = new ArrayList<>();
        synchronized (received) {
            received.removeIf(event -> id.equals(event.path("payload").path("ref").asText(null)) && drained.add(event));
        }
        return drained;
    }

    private JsonNode awaitEvent(Predicate<JsonNode> matching, String failure, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (received) {
            while (true) {
                for (int i = 0; i < received.size(); i++) {
                    JsonNode event = received.get(i);
                    if (matching.test(event)) {
                        received.remove(i);
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail(failure + " within " + wait + "; received " + received);
                }
                try {
                    received.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** An error event with the code (and the ref, when not null). */
    public JsonNode awaitError(String code, String ref) {
        JsonNode error = await("error");
        assertEquals(code, error.path("payload").path("code").asText(), () -> "error was " + error);
        if (ref != null) {
            assertEquals(ref, error.path("payload").path("ref").asText(), () -> "error was " + error);
        }
        return error;
    }

    /** Waits the duration and fails if an event of the type arrived meanwhile. */
    public void expectNone(String type, Duration during) {
        try {
            Thread.sleep(during.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (received) {
            for (JsonNode event : received) {
                if (type.equals(event.path("type").asText())) {
                    fail("unexpected " + type + ": " + event);
                }
            }
        }
    }

    /** Removes and returns every event of the type received so far. */
    public List<JsonNode> drain(String type) {
        List<JsonNode> drained = new ArrayList<>();
        synchronized (received) {
            received.removeIf(event -> type.equals(event.path("type").asText()) && drained.add(event));
        }
        return drained;
    }

    /** Whether an event of the type has arrived and not been awaited yet. */
    public boolean hasReceived(String type) {
        synchronized (received) {
            return received.stream().anyMatch(e -> type.equals(e.path("type").asText()));
        }
    }

    /** Proves the connection still works: a ping is answered with a pong. */
    public void assertAlive() {
        send("{\"type\":\"ping\"}");
        await("pong");
    }

    public int awaitClose() {
        try {
            return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the connection was not closed", e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    public int pingCount() {
        synchronized (received) {
            return pings.size();
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}

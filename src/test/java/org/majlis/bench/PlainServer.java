package org.majlis.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's reference (its {@code --plain}): the least a server on plain Vert.x does for the
 * chat scenarios, in memory, with nothing stored, limited or checked. A guest's {@code login} gets a
 * {@code welcome}; a {@code private_message} gets its {@code ack} and goes as {@code new_message},
 * numbered in its conversation, to the recipient and back to the sender: enough for {@code private}
 * and {@code private-max}, whose server CPU per message is measured against it in the same run. Two event
 * loops, as the server has on two cores; the port is the server's ({@code -Dquarkus.http.port}), and
 * {@code /q/health/ready} answers as the server's does. With nothing to put a conversation's messages
 * in one order, a partner's message may reach a client after its own later one: the benchmark's
 * {@code seq-errors} counts those, a few hundred in a run.
 */
public final class PlainServer extends AbstractVerticle {

    private static final Map<String, ServerWebSocket> ONLINE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> SEQS = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        vertx.deployVerticle(PlainServer.class, new DeploymentOptions().setInstances(2));
    }

    @Override
    public void start() {
        vertx.createHttpServer()
                .webSocketHandler(this::connected)
                .requestHandler(request -> request.response().setStatusCode("/q/health/ready".equals(request.path()) ? 200 : 404).end())
                .listen(Integer.getInteger("quarkus.http.port", 8080));
    }

    private void connected(ServerWebSocket socket) {
        String[] name = new String[1];
        socket.textMessageHandler(text -> {
            JsonObject event = new JsonObject(text);
            JsonObject payload = event.getJsonObject("payload");
            switch (event.getString("type")) {
                case "login" -> {
                    name[0] = payload.getString("username");
                    ONLINE.put(name[0], socket);
                    socket.writeTextMessage(new JsonObject().put("type", "welcome").put("payload", new JsonObject().put("username", name[0])).encode());
                }
                case "private_message" -> {
                    String to = payload.getString("to");
                    String conversation = name[0].compareTo(to) < 0 ? name[0] + "|" + to : to + "|" + name[0];
                    long seq = SEQS.computeIfAbsent(conversation, c -> new AtomicLong()).incrementAndGet();
                    String message = newMessage(name[0], to, seq, payload.getString("message"));
                    socket.writeTextMessage(new JsonObject().put("type", "ack").put("ref", event.getString("id")).encode());
                    socket.writeTextMessage(message);
                    ServerWebSocket recipient = ONLINE.get(to);
                    if (recipient != null) {
                        recipient.writeTextMessage(message);
                    }
                }
                default -> { }
            }
        });
        socket.closeHandler(closed -> {
            if (name[0] != null) {
                ONLINE.remove(name[0], socket);
            }
        });
    }

    private static String newMessage(String from, String to, long seq, String text) {
        return new JsonObject().put("type", "new_message").put("payload", new JsonObject().put("from", from).put("to", to)
                .put("seq", seq).put("message", text).put("sentAt", System.currentTimeMillis())).encode();
    }
}

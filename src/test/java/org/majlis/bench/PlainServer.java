package org.majlis.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.WebSocketInternal;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's reference (its {@code --plain}): the least a server on plain Vert.x does for the
 * chat scenarios, in memory, with nothing stored, limited or checked; the server's CPU per message or
 * delivery is measured against it in the same run. A guest's {@code login} gets a {@code welcome}.
 * A {@code private_message} gets its {@code ack} and goes as {@code new_message}, numbered in its
 * conversation, to the recipient and back to the sender ({@code private}, {@code private-max}). A
 * {@code send_message} gets its {@code ack} and goes to every guest ({@code broadcast},
 * {@code broadcast-max}), hand-tuned with the server's own fan-out techniques and none of its work:
 * encoded once as a complete WebSocket frame with the fields the server's has, each loop writing it
 * to its own connections below Vert.x's API (straight to the Netty channel's outbound buffer), and
 * flushing each connection once for all the messages that reached the loop within the server's
 * default coalescing delay (1 ms from the loop's last fan-out).
 *
 * <p>Two event loops on the server's socket transport (native epoll where its library loads), as the
 * server has on two cores; the port is the server's ({@code -Dquarkus.http.port}), and
 * {@code /q/health/ready} answers as the server's does. With nothing to put a conversation's
 * messages in one order, a message may reach a client after a later one of the same conversation:
 * the benchmark's {@code seq-errors} counts those (thousands a run in {@code private}, hundreds of
 * thousands among the tens of millions of deliveries of {@code broadcast-max}).
 */
public final class PlainServer extends AbstractVerticle {

    private static final Map<String, ServerWebSocket> ONLINE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> SEQS = new ConcurrentHashMap<>();
    private static final AtomicLong ROOM_SEQ = new AtomicLong();
    /** The server's default {@code majlis.delivery-coalesce}. */
    private static final long COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** One per event loop: the broadcast fans out to each. */
    private static final List<PlainServer> LOOPS = new CopyOnWriteArrayList<>();

    private EventLoop loop;
    /** The guests on this loop; touched on it only. */
    private final List<ChannelHandlerContext> members = new ArrayList<>();
    /** Encoded messages for all, from any loop, written in one task on this loop. */
    private final Queue<ByteBuf> toAll = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean fanOutQueued = new AtomicBoolean();
    private volatile long lastFanOutEnd = System.nanoTime() - COALESCE_NANOS;

    public static void main(String[] args) {
        // The server's transport: Netty's native epoll where its library loads, as the server prefers it.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
        System.out.println("socket transport: " + (vertx.isNativeTransportEnabled() ? "native epoll" : "Java NIO"));
        vertx.deployVerticle(PlainServer.class, new DeploymentOptions().setInstances(2));
    }

    @Override
    public void start() {
        loop = ((ContextInternal) context).nettyEventLoop();
        LOOPS.add(this);
        vertx.createHttpServer()
                .webSocketHandler(this::connected)
                .requestHandler(request -> request.response().setStatusCode("/q/health/ready".equals(request.path()) ? 200 : 404).end())
                .listen(Integer.getInteger("quarkus.http.port", 8080));
    }

    private void connected(ServerWebSocket socket) {
        String[] name = new String[1];
        // Vert.x's own handler on the channel: frames written through it go out as the socket's.
        ChannelHandlerContext channel = ((WebSocketInternal) socket).channelHandlerContext();
        socket.textMessageHandler(text -> {
            JsonObject event = new JsonObject(text);
            JsonObject payload = event.getJsonObject("payload");
            switch (event.getString("type")) {
                case "login" -> {
                    name[0] = payload.getString("username");
                    ONLINE.put(name[0], socket);
                    socket.writeTextMessage(new JsonObject().put("type", "welcome").put("payload", new JsonObject().put("username", name[0])).encode());
                    members.add(channel);
                }
                case "private_message" -> {
                    String to = payload.getString("to");
                    String conversation = name[0].compareTo(to) < 0 ? name[0] + "|" + to : to + "|" + name[0];
                    long seq = SEQS.computeIfAbsent(conversation, c -> new AtomicLong()).incrementAndGet();
                    String message = newMessage(name[0], to, seq, payload.getString("message"));
                    ack(socket, event);
                    socket.writeTextMessage(message);
                    ServerWebSocket recipient = ONLINE.get(to);
                    if (recipient != null) {
                        recipient.writeTextMessage(message);
                    }
                }
                case "send_message" -> {
                    ack(socket, event);
                    byte[] message = roomMessage(name[0], ROOM_SEQ.incrementAndGet(), payload.getString("message"));
                    for (PlainServer other : LOOPS) {
                        other.fanOut(textFrame(message));
                    }
                }
                default -> { }
            }
        });
        socket.closeHandler(closed -> {
            members.remove(channel);
            if (name[0] != null) {
                ONLINE.remove(name[0], socket);
            }
        });
    }

    private static void ack(ServerWebSocket socket, JsonObject event) {
        socket.writeTextMessage(new JsonObject().put("type", "ack").put("ref", event.getString("id")).encode());
    }

    /** Queues a message for every guest on this loop: at once after a quiet spell, else when the coalescing delay has passed. */
    private void fanOut(ByteBuf frame) {
        toAll.offer(frame);
        if (fanOutQueued.compareAndSet(false, true)) {
            long wait = COALESCE_NANOS - (System.nanoTime() - lastFanOutEnd);
            if (wait > 0) {
                loop.schedule(this::writeToAll, wait, TimeUnit.NANOSECONDS);
            } else {
                loop.execute(this::writeToAll);
            }
        }
    }

    /** On the loop: each queued frame to each guest without a flush, then one flush each. */
    private void writeToAll() {
        fanOutQueued.set(false);
        ByteBuf frame;
        while ((frame = toAll.poll()) != null) {
            for (ChannelHandlerContext member : members) {
                member.channel().unsafe().write(frame.retainedDuplicate(), member.voidPromise());
            }
            frame.release();
        }
        for (ChannelHandlerContext member : members) {
            member.channel().unsafe().flush();
        }
        lastFanOutEnd = System.nanoTime();
    }

    /** A complete unmasked WebSocket text frame: the header, then the payload. */
    private static ByteBuf textFrame(byte[] payload) {
        ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(payload.length + 4).writeByte(0x81);
        if (payload.length < 126) {
            frame.writeByte(payload.length);
        } else {
            frame.writeByte(126).writeShort(payload.length);
        }
        return frame.writeBytes(payload);
    }

    private static String newMessage(String from, String to, long seq, String text) {
        return new JsonObject().put("type", "new_message").put("payload", new JsonObject().put("from", from).put("to", to)
                .put("seq", seq).put("message", text).put("sentAt", System.currentTimeMillis())).encode();
    }

    /** A room's new_message with the fields the server's has (so the bytes per delivery compare). */
    private static byte[] roomMessage(String from, long seq, String text) {
        Instant now = Instant.now();
        return new JsonObject().put("type", "new_message").put("payload", new JsonObject().put("id", "m_" + Long.toString(seq, 36))
                .put("room", "general").put("seq", seq).put("from", from).put("message", text)
                .put("sent", now.toString().substring(11, 19)).put("timestamp", now.toString())
                .put("attachments", new JsonArray())).encode().getBytes(StandardCharsets.UTF_8);
    }
}

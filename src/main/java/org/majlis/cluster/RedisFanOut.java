package org.majlis.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.majlis.connections.Frame;
import org.majlis.connections.Frames;
import org.majlis.logging.ThrottledWarning;
import org.majlis.protocol.ServerEvent;
import org.majlis.rooms.Room;

/**
 * Cluster fan-out over Redis pub/sub: an event is delivered to this node's connections at once and
 * published once on {@value #CHANNEL}; every other node delivers it to its own connections. One
 * dedicated connection publishes, so the other nodes receive this node's events in the order it
 * sent them. A message is the {@link Envelope}'s JSON, a newline, and the event's JSON as this
 * node encoded it, byte for byte: the receiving node makes its frame of those bytes as they are.
 */
public class RedisFanOut implements FanOut {

    static final String CHANNEL = "majlis:events";

    private final NodeDelivery local;
    private final Frames frames;
    private final ObjectMapper json;
    private final Redis redis;
    private final String node;
    private final AtomicReference<RedisConnection> publisher = new AtomicReference<>();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final Vertx vertx;
    private final Sequencer sequencer;
    private final ThrottledWarning failureWarning = new ThrottledWarning(Duration.ofSeconds(10));

    RedisFanOut(NodeDelivery local, Frames frames, ObjectMapper json, Redis redis, Vertx vertx, String node) {
        this.local = local;
        this.frames = frames;
        this.json = json;
        this.redis = redis;
        this.vertx = vertx;
        this.sequencer = new Sequencer(vertx);
        this.node = node;
        subscribe();
        publisher.set(watched(redis.connect().await().atMost(Duration.ofSeconds(10)), () -> { }));
    }

    @Override
    public void send(Target target, ServerEvent event) {
        Frame frame = frames.encode(event);
        byte[] payload = frame.payload();
        deliverHere(target, frame);
        publish(Envelope.of(node, target), payload);
    }

    /**
     * Delivers to this node's connections; messages go through the sequencer, since this node's
     * own messages and other nodes' arrive by different paths. Only a cluster needs it: one node
     * delivers each conversation's messages in commit order anyway.
     */
    private void deliverHere(Target target, Frame frame) {
        if (target instanceof Target.Conversation c && c.seq() > 0) {
            sequencer.submit(c.conversation().key(), c.seq(), () -> local.deliver(target, frame));
        } else {
            local.deliver(target, frame);
        }
    }

    @Override
    public void roomChanged(Room room) {
        publish(Envelope.ofRoom(node, room), null);
    }

    @Override
    public void roomDeleted(String room) {
        publish(Envelope.ofRoomDeleted(node, room), null);
    }

    @Override
    public void disconnect(Disconnect disconnect) {
        local.disconnect(disconnect);
        publish(Envelope.ofDisconnect(node, disconnect), null);
    }

    /** Publishes the envelope, followed by the event's JSON when there is one. */
    private void publish(Envelope envelope, byte[] event) {
        byte[] message;
        try {
            byte[] head = json.writeValueAsBytes(envelope); // one line: JSON escapes newlines in strings
            message = event == null ? head : Arrays.copyOf(head, head.length + 1 + event.length);
            if (event != null) {
                message[head.length] = '\n';
                System.arraycopy(event, 0, message, head.length + 1, event.length);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        RedisConnection connection = publisher();
        if (connection == null) {
            return;
        }
        connection.send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(message)).subscribe()
                .with(ok -> { }, failure -> {
                    publisher.compareAndSet(connection, null);
                    failed(failure);
                });
    }

    private void received(byte[] message) {
        try {
            int end = indexOfNewline(message);
            Envelope envelope = json.readValue(message, 0, end, Envelope.class);
            if (node.equals(envelope.node())) {
                return;
            }
            if (envelope.describesRoom()) {
                local.roomChanged(envelope.toRoom());
            } else if (envelope.describesRoomDeleted()) {
                local.roomDeleted(envelope.room());
            } else if (envelope.describesDisconnect()) {
                local.disconnect(envelope.toDisconnect());
            } else if (end < message.length) {
                deliverHere(envelope.target(), frames.wrapJson(message, end + 1, message.length - end - 1));
            } else {
                throw new IllegalArgumentException("an event envelope without its event");
            }
        } catch (IOException | RuntimeException e) {
            Log.warnf(e, "dropped an unreadable event from another node");
        }
    }

    private static int indexOfNewline(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                return i;
            }
        }
        return message.length;
    }

    /** The publishing connection; null while it is being opened again after a failure. */
    private RedisConnection publisher() {
        RedisConnection connection = publisher.get();
        if (connection == null) {
            reconnect();
        }
        return connection;
    }

    private void reconnect() {
        if (!connecting.compareAndSet(false, true)) {
            return;
        }
        redis.connect().subscribe().with(opened -> {
            publisher.set(watched(opened, () -> { }));
            connecting.set(false);
        }, failure -> {
            connecting.set(false);
            failed(failure);
        });
    }

    /**
     * The subscribing connection, opened again (after a second) whenever it fails or Redis closes
     * it: events published meanwhile are lost to this node, and its clients catch up with history.
     */
    private void subscribe() {
        redis.connect().subscribe().with(connection -> {
            watched(connection, this::subscribeLater);
            connection.handler(this::pushed);
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL)).subscribe().with(ok -> { }, failure -> {
                failed(failure);
                connection.close().subscribe().with(closed -> { }, ignored -> { });
            });
        }, failure -> {
            failed(failure);
            subscribeLater();
        });
    }

    private void subscribeLater() {
        vertx.setTimer(1000, id -> subscribe());
    }

    /** A message on the subscribed channel: ["message", channel, payload]. */
    private void pushed(Response response) {
        if (response.size() == 3 && "message".equals(response.get(0).toString())) {
            received(response.get(2).toBytes());
        }
    }

    /** Marks the connection broken (and runs {@code lost}) when it fails or ends. */
    private RedisConnection watched(RedisConnection connection, Runnable lost) {
        AtomicBoolean gone = new AtomicBoolean();
        Runnable broken = () -> {
            if (gone.compareAndSet(false, true)) {
                publisher.compareAndSet(connection, null);
                lost.run();
            }
        };
        connection.exceptionHandler(failure -> {
            failed(failure);
            broken.run();
        });
        connection.endHandler(broken);
        return connection;
    }

    /** Other nodes miss events while Redis is away; their clients catch up with history. */
    private void failed(Throwable failure) {
        if (failureWarning.due()) {
            Log.warnf("publishing to Redis failed (%s): other nodes miss events until it is back", failure.toString());
        }
    }
}

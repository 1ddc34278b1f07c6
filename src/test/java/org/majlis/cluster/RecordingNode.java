package org.majlis.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.majlis.connections.Frame;
import org.majlis.rooms.Room;

/** A node for the fan-out contract: keeps what it was handed instead of writing to connections. */
final class RecordingNode implements NodeDelivery {

    record Delivery(Target target, String json) {
    }

    /** What a test sends to learn that the nodes hear each other; counted apart from deliveries. */
    static final Target PROBE = new Target.Users(List.of("probe"));

    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Room> rooms = new ArrayList<>();
    private final List<Disconnect> disconnects = new ArrayList<>();
    private int probes;

    @Override
    public synchronized void deliver(Target target, Frame frame) {
        try {
            if (PROBE.equals(target)) {
                probes++;
            } else {
                deliveries.add(new Delivery(target, new String(frame.payload(), StandardCharsets.UTF_8)));
            }
        } finally {
            frame.release();
        }
        notifyAll();
    }

    @Override
    public synchronized void roomChanged(Room room) {
        rooms.add(room);
        notifyAll();
    }

    @Override
    public synchronized void disconnect(Disconnect disconnect) {
        disconnects.add(disconnect);
        notifyAll();
    }

    synchronized List<Disconnect> disconnects(int count) throws InterruptedException {
        awaitSize(disconnects, count);
        return List.copyOf(disconnects.subList(0, count));
    }

    /** The first {@code count} deliveries, waiting up to 10 s for them. */
    synchronized List<Delivery> deliveries(int count) throws InterruptedException {
        awaitSize(deliveries, count);
        return List.copyOf(deliveries.subList(0, count));
    }

    synchronized List<Room> rooms(int count) throws InterruptedException {
        awaitSize(rooms, count);
        return List.copyOf(rooms.subList(0, count));
    }

    synchronized int deliveredSoFar() {
        return deliveries.size();
    }

    synchronized int probes() {
        return probes;
    }

    synchronized void clear() {
        deliveries.clear();
        rooms.clear();
        disconnects.clear();
    }

    private void awaitSize(List<?> list, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (list.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                fail("only " + list.size() + " of " + count + " arrived: " + list);
            }
            wait(left);
        }
    }
}

package org.majlis.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.majlis.testing.RawSocketClient;

/**
 * Clients in {@code general} that read one byte a second through a small receive buffer: their
 * unread frames pile up on the server, which must not slow down delivery to everyone else.
 */
final class SlowReaders implements AutoCloseable {

    private final List<RawSocketClient> sockets = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ended = new AtomicInteger();

    SlowReaders(int port, int count) throws IOException {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        for (int i = 0; i < count; i++) {
            RawSocketClient socket = new RawSocketClient(ws, 4096);
            socket.sendText("{\"type\":\"login\",\"payload\":{\"username\":\"slow" + i + "\"}}");
            sockets.add(socket);
            readers.add(Thread.ofPlatform().daemon().start(() -> readSlowly(socket)));
        }
    }

    private void readSlowly(RawSocketClient socket) {
        try {
            while (running.get()) {
                if (socket.readByte() < 0) {
                    ended.incrementAndGet();
                    return;
                }
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException e) {
            ended.incrementAndGet();
        }
    }

    /** Slow readers whose connection the server has ended (with 1013 once 4 MiB waited for them). */
    int ended() {
        return ended.get();
    }

    @Override
    public void close() throws IOException {
        running.set(false);
        readers.forEach(Thread::interrupt);
        for (RawSocketClient socket : sockets) {
            socket.close();
        }
    }
}

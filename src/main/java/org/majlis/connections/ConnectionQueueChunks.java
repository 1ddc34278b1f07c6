package org.majlis.connections;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * websockets-next gives each connection a Mutiny queue for the handler calls waiting their turn,
 * allocated in chunks of Mutiny's "S" buffer size: 256 references, 1 KiB per connection that an
 * idle or chatting connection never fills. In chunks of 4 the same unbounded queue grows as it
 * needs to (performance.md: 0.9 KiB of heap less per connection). Nothing in Majlis uses Mutiny
 * streams, whose prefetch this size also sets. {@code -Dmutiny.buffer-size.s} still wins.
 */
@ApplicationScoped
class ConnectionQueueChunks {

    static final int CHUNK = 4;

    void start(@Observes StartupEvent start) {
        if (System.getProperty("mutiny.buffer-size.s") == null) {
            Infrastructure.setBufferSizeS(CHUNK);
        }
    }
}

package org.majlis.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ClientDisconnectsTest {

    private final ClientDisconnects filter = new ClientDisconnects();

    private static LogRecord record(String logger, String message, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }

    @Test
    void aPeerHangingUpOnVertxConnectionsIsKeptOut() {
        String vertx = "io.vertx.core.net.impl.ConnectionBase";
        assertFalse(filter.isLoggable(record(vertx, "Connection reset by peer", null)));
        assertFalse(filter.isLoggable(record(vertx, "Broken pipe", null)));
        assertFalse(filter.isLoggable(record(vertx, null, new ClosedChannelException())));
    }

    @Test
    void everythingElsePasses() {
        assertTrue(filter.isLoggable(record("io.vertx.core.net.impl.ConnectionBase", "SSL handshake failed",
                new IOException("certificate unknown"))));
        assertTrue(filter.isLoggable(record("org.majlis.messages.Retention", "Connection reset by peer", null)));
    }
}

package org.majlis.http;

import io.quarkus.logging.LoggingFilter;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps out of the log what Vert.x reports at ERROR when a client hangs up while a response is
 * being written (an aborted download, a dropped network): the peer's doing, not the server's
 * failure, and frequent. Only those records of Vert.x' connection class; everything else passes.
 */
@LoggingFilter(name = "client-disconnects")
public final class ClientDisconnects implements Filter {

    private static final String CONNECTION_LOGGER = "io.vertx.core.net.impl.ConnectionBase";
    private static final List<String> PEER_GONE = List.of("Connection reset", "Broken pipe", "ClosedChannelException");

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(CONNECTION_LOGGER.equals(record.getLoggerName()) && peerGone(record));
    }

    private static boolean peerGone(LogRecord record) {
        String text = String.valueOf(record.getMessage()) + " " + record.getThrown();
        return PEER_GONE.stream().anyMatch(text::contains);
    }
}

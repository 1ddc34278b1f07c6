package org.majlis.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log records at ERROR (SEVERE) and above that the server in this JVM writes while the
 * capture is open: bad input must never produce one.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> errors = new ArrayList<>();

    private LogCapture() {
    }

    public static LogCapture errors() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(record);
        }
    }

    /** What was logged at ERROR so far, one line each (logger, message, exception). */
    public synchronized List<String> lines() {
        return errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()
                + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}

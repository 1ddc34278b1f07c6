package org.majlis.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;

/** Majlis' own settings, under {@code majlis.}; the defaults are in application.properties. */
@ConfigMapping(prefix = "majlis")
public interface MajlisConfig {

    /** Where the embedded default keeps its files. */
    Path dataDir();

    /** Whether people may log in with a guest name. */
    boolean guests();

    /** Bytes a connection may leave unread before it is closed with 1013. */
    long outboundBufferLimit();

    /** How long presence changes are gathered into one event (the protocol allows 500 ms). */
    Duration presenceBatchDelay();
}

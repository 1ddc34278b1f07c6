package org.majlis.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThrottledWarningTest {

    @Test
    void theFirstIsDueThenOnePerPeriod() throws Exception {
        ThrottledWarning warning = new ThrottledWarning(Duration.ofMillis(200));
        assertTrue(warning.due());
        assertFalse(warning.due());
        Thread.sleep(250);
        assertTrue(warning.due());
        assertFalse(warning.due());
    }

    @Test
    void threadsAskingAtOnceGetOneWarning() {
        ThrottledWarning warning = new ThrottledWarning(Duration.ofMinutes(1));
        AtomicInteger due = new AtomicInteger();
        IntStream.range(0, 10_000).parallel().forEach(i -> {
            if (warning.due()) {
                due.incrementAndGet();
            }
        });
        assertTrue(due.get() == 1, due.get() + " warnings due at once");
    }
}

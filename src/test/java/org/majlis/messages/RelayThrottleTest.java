package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay throttle of typing and read marks, on a clock and a timer driven by hand: at most one
 * relay per key and second, nothing offered within the second lost (merged, sent as it ends).
 */
class RelayThrottleTest {

    private long now = 1_000_000;
    private final List<Long> delays = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final RelayThrottle<Long> marks = new RelayThrottle<>((delay, task) -> {
        delays.add(delay);
        due.add(task);
    }, () -> now, 1000, Math::max);

    @Test
    void theFirstGoesAtOnceAndWhatComesWithinTheSecondGoesMergedAsItEnds() {
        offer("sara room", 5);
        assertEquals(List.of("sara room=5"), sent);

        now += 300;
        offer("sara room", 9);
        now += 100;
        offer("sara room", 7);
        assertEquals(List.of("sara room=5"), sent, "held within the second");
        assertEquals(List.of(700L), delays, "one timer, for when the second ends");

        now += 600;
        runDue();
        assertEquals(List.of("sara room=5", "sara room=9"), sent, "the highest mark of the second, once");

        now += 1000;
        offer("sara room", 12);
        assertEquals(List.of("sara room=5", "sara room=9", "sara room=12"), sent, "a quiet second later: at once");
    }

    @Test
    void eachKeyHasItsOwnSecond() {
        offer("sara room", 1);
        offer("omar room", 1);
        offer("sara dm", 1);
        assertEquals(3, sent.size());
        assertEquals(List.of(), delays);
    }

    private void offer(String key, long mark) {
        marks.offer(key, mark, value -> sent.add(key + "=" + value));
    }

    private void runDue() {
        List<Runnable> tasks = new ArrayList<>(due);
        due.clear();
        tasks.forEach(Runnable::run);
    }
}

package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What a search waits for on the embedded store: the unwritten changes that could add one of its hits. */
class UnindexedChangesTest {

    private static final Predicate<String> NEEDLE = text -> text.contains("needle");

    private static IndexChange stored(String words) {
        return new IndexChange.Stored(List.of(new MessageSearch.Entry("m-" + words, words)));
    }

    @Test
    void onlyChangesThatCouldAddAHitAreAwaited() {
        UnindexedChanges unindexed = new UnindexedChanges();
        IndexChange hay = stored("hay");
        IndexChange needle = stored("a needle");
        IndexChange edit = new IndexChange.Changed("m-1");
        List.of(hay, needle, edit, new IndexChange.Prune()).forEach(unindexed::add);
        List<IndexChange> awaited = unindexed.mayAddHit(NEEDLE);
        assertEquals(2, awaited.size(), "the needle and the edit: " + awaited);
        assertTrue(awaited.contains(needle) && awaited.contains(edit));
    }

    @Test
    void aWaitEndsOnceItsChangesAreWrittenAndEqualChangesCountApart() throws Exception {
        UnindexedChanges unindexed = new UnindexedChanges();
        IndexChange first = stored("needle");
        IndexChange equal = stored("needle");
        unindexed.add(first);
        List<IndexChange> awaited = unindexed.mayAddHit(NEEDLE);
        unindexed.add(equal);
        assertFalse(unindexed.awaitWritten(awaited, Duration.ofMillis(100)), "nothing written yet");

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return unindexed.awaitWritten(awaited, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // most likely waiting by now: the removal must wake it, well before its 30 s
        unindexed.remove(List.of(first));
        assertTrue(waiting.get(10, TimeUnit.SECONDS), "its change is written");
        List<IndexChange> left = unindexed.mayAddHit(NEEDLE);
        assertEquals(1, left.size());
        assertSame(equal, left.getFirst(), "the equal change handed over after it is still unwritten");
    }
}

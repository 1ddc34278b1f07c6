package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group commit's writer thread with a batch that the test holds, lets go or fails (no database). */
class GroupCommitTest {

    private static final long WAIT_SECONDS = 10;

    /**
     * Commits what it is given, holding a commit until the test lets it go where asked, or fails the
     * batches that contain "bad".
     */
    private static final class RecordingBatch implements GroupCommit.Batch<String> {
        final BlockingQueue<List<String>> committed = new LinkedBlockingQueue<>();
        final BlockingQueue<List<String>> failed = new LinkedBlockingQueue<>();
        final BlockingQueue<Exception> causes = new LinkedBlockingQueue<>();
        final CountDownLatch heldCommitStarted = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);
        private final boolean held;

        /** Held: every commit waits for {@code letGo}; else only one of a batch with the item "held". */
        RecordingBatch(boolean held) {
            this.held = held;
        }

        @Override
        public void commit(List<String> items) throws Exception {
            if (held || items.contains("held")) {
                heldCommitStarted.countDown();
                assertTrue(letGo.await(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            if (items.contains("bad")) {
                throw new IllegalStateException("the database said no");
            }
            committed.add(List.copyOf(items)); // the writer reuses its list
        }

        @Override
        public void failed(List<String> items, Exception cause) {
            failed.add(List.copyOf(items));
            causes.add(cause);
        }
    }

    private GroupCommit<String> commit;

    @AfterEach
    void stop() {
        if (commit != null) {
            commit.close();
        }
    }

    /** A writer whose first commit, of {@code first}, waits until the test counts {@code letGo} down. */
    private RecordingBatch writerHoldingItsFirstCommit(int capacity, int maxBatch, String first) throws InterruptedException {
        RecordingBatch batch = new RecordingBatch(true);
        commit = new GroupCommit<>("test-writer", capacity, maxBatch, Duration.ZERO, batch);
        assertTrue(commit.submit(first));
        assertTrue(batch.heldCommitStarted.await(WAIT_SECONDS, TimeUnit.SECONDS));
        return batch;
    }

    private static List<String> next(BlockingQueue<List<String>> batches) throws InterruptedException {
        List<String> batch = batches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(batch != null, "no batch came");
        return batch;
    }

    @Test
    void itemsSubmittedWhileABatchIsBeingWrittenGoIntoTheNextOneUpToTheMaximum() throws InterruptedException {
        RecordingBatch batch = writerHoldingItsFirstCommit(100, 3, "a");
        for (String item : List.of("b", "c", "d", "e")) {
            assertTrue(commit.submit(item));
        }
        batch.letGo.countDown();
        assertEquals(List.of("a"), next(batch.committed));
        assertEquals(List.of("b", "c", "d"), next(batch.committed), "one commit for what queued meanwhile, at most 3");
        assertEquals(List.of("e"), next(batch.committed));
    }

    @Test
    void aLoneItemIsWrittenAtOnceWhateverTheLinger() throws InterruptedException {
        RecordingBatch batch = new RecordingBatch(false);
        commit = new GroupCommit<>("test-writer", 100, 3, Duration.ofMinutes(5), batch);
        assertTrue(commit.submit("a"));
        assertEquals(List.of("a"), next(batch.committed), "no items came before: nothing to wait for");
    }

    @Test
    void itemsComingFasterThanOnePerLingerShareCommits() throws InterruptedException {
        RecordingBatch batch = new RecordingBatch(false);
        commit = new GroupCommit<>("test-writer", 100, 100, Duration.ofMillis(200), batch);
        int items = 60;
        for (int i = 0; i < items; i++) {
            assertTrue(commit.submit("item " + i));
            Thread.sleep(10);
        }
        int written = 0;
        int commits = 0;
        while (written < items) {
            written += next(batch.committed).size();
            commits++;
        }
        assertTrue(commits <= items / 4, "one every 10 ms with a linger of 200 ms: " + commits + " commits for " + items);
    }

    /**
     * A writer that has seen items come one at a time, each well within the linger, and lingers
     * after the last of them: returns that item.
     */
    private String writerLingering(RecordingBatch batch, int maxBatch) throws InterruptedException {
        commit = new GroupCommit<>("test-writer", 100, maxBatch, Duration.ofMinutes(5), batch);
        for (int i = 0; i < 10; i++) {
            String item = "item " + i;
            assertTrue(commit.submit(item));
            if (batch.committed.poll(1, TimeUnit.SECONDS) == null) {
                return item;
            }
        }
        throw new AssertionError("the writer never lingered");
    }

    @Test
    void aBatchThatFillsUpEndsTheLinger() throws InterruptedException {
        RecordingBatch batch = new RecordingBatch(false);
        String lingering = writerLingering(batch, 3);
        assertTrue(commit.submit("b"));
        assertTrue(commit.submit("c"));
        assertEquals(List.of(lingering, "b", "c"), next(batch.committed), "committed as soon as the batch is full");
    }

    @Test
    void closingEndsTheLingerAndWritesWhatIsQueued() throws InterruptedException {
        RecordingBatch batch = new RecordingBatch(false);
        String lingering = writerLingering(batch, 3);
        commit.close();
        assertEquals(List.of(lingering), next(batch.committed));
    }

    @Test
    void aFailingBatchFailsItsItemsAndTheWriterGoesOn() throws InterruptedException {
        RecordingBatch batch = writerHoldingItsFirstCommit(100, 2, "first");
        assertTrue(commit.submit("bad"));
        assertTrue(commit.submit("with the bad one"));
        assertTrue(commit.submit("after"));
        batch.letGo.countDown();

        assertEquals(List.of("first"), next(batch.committed));
        assertEquals(List.of("bad", "with the bad one"), next(batch.failed), "the whole batch fails, nothing of it counts");
        assertEquals("the database said no", batch.causes.take().getMessage());
        assertEquals(List.of("after"), next(batch.committed));
        assertTrue(batch.failed.isEmpty());
    }

    @Test
    void aFullQueueAndAClosedOneRefuseItemsAndCloseWritesWhatIsQueued() throws InterruptedException {
        RecordingBatch batch = writerHoldingItsFirstCommit(2, 10, "a");
        assertTrue(commit.submit("b"));
        assertTrue(commit.submit("c"));
        assertFalse(commit.submit("d"), "the queue holds 2: the store is not keeping up");
        batch.letGo.countDown();
        commit.close();
        assertFalse(commit.submit("e"), "closed");
        assertEquals(List.of("a"), next(batch.committed));
        assertEquals(List.of("b", "c"), next(batch.committed));
        assertNull(batch.committed.poll());
    }

    @Test
    void aHurryEndsTheLinger() throws InterruptedException {
        RecordingBatch batch = new RecordingBatch(false);
        String lingering = writerLingering(batch, 100);
        commit.hurry();
        assertEquals(List.of(lingering), next(batch.committed), "the linger is five minutes: it did not wait for it");
    }

    @Test
    void aHurryDuringACommitEndsTheNextBatchsLinger() throws InterruptedException {
        RecordingBatch batch = new RecordingBatch(false);
        String lingering = writerLingering(batch, 3);
        assertTrue(commit.submit("held"));
        assertTrue(commit.submit("filling the batch"));
        assertTrue(batch.heldCommitStarted.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(commit.submit("next"));
        commit.hurry();
        batch.letGo.countDown();
        assertEquals(List.of(lingering, "held", "filling the batch"), next(batch.committed));
        assertEquals(List.of("next"), next(batch.committed), "the linger is five minutes: it did not wait for it");
    }
}

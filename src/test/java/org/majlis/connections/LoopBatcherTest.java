package org.majlis.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One event loop's batches, on embedded channels (no server): what is written to whom, flushes, after-flush actions. */
class LoopBatcherTest {

    /** A connection that counts how often what was written to it is flushed out. */
    private static final class CountingChannel extends EmbeddedChannel {
        int flushes;

        CountingChannel() {
            super(new ChannelInboundHandlerAdapter());
        }

        @Override
        protected void doWrite(ChannelOutboundBuffer in) throws Exception {
            flushes++;
            super.doWrite(in);
        }
    }

    /** The event loop the batches run on; its tasks run when the test says so. */
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final List<Long> framesWrittenPerBatch = new ArrayList<>();
    private final LoopBatcher batcher = new LoopBatcher(loop.eventLoop(), framesWrittenPerBatch::add, 0);
    private final List<CountingChannel> channels = new ArrayList<>();
    /** The bytes of every frame made, whose one reference is the test's own. */
    private final List<ByteBuf> frameBytes = new ArrayList<>();

    private CountingChannel connection() {
        CountingChannel channel = new CountingChannel();
        channels.add(channel);
        return channel;
    }

    private Outbox outboxOf(CountingChannel channel) {
        return outboxOf(channel, batcher);
    }

    private static Outbox outboxOf(CountingChannel channel, LoopBatcher batcher) {
        return new Outbox(channel.pipeline().firstContext(), batcher, 1 << 20, () -> false, 1000, () -> { });
    }

    /** The outbox of a logged-in connection: on the loop's broadcast list. */
    private Outbox member(CountingChannel channel) {
        Outbox outbox = outboxOf(channel);
        batcher.join(outbox);
        return outbox;
    }

    private Frame frame(String text) {
        ByteBuf bytes = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        frameBytes.add(bytes);
        return new Frame(bytes);
    }

    /** What reached the connection (flushed), in order. */
    private static List<String> received(EmbeddedChannel channel) {
        List<String> texts = new ArrayList<>();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            texts.add(written.toString(StandardCharsets.UTF_8));
            written.release();
        }
        return texts;
    }

    private void broadcast(Frame frame) {
        batcher.submit(frame.retain(), null, false);
    }

    @AfterEach
    void everyReferenceIsGivenBack() {
        channels.forEach(LoopBatcherTest::received);
        for (ByteBuf bytes : frameBytes) {
            assertEquals(1, bytes.refCnt(), "the batcher or an outbox kept a reference");
            bytes.release();
        }
    }

    @Test
    void framesForOneConnectionAndForAllMembersGoOutInOrderWithOneFlushPerConnectionAndBatch() {
        CountingChannel a = connection();
        CountingChannel b = connection();
        CountingChannel notLoggedIn = connection();
        Outbox outboxA = member(a);
        Outbox outboxB = member(b);
        Outbox outboxC = outboxOf(notLoggedIn);

        outboxA.send(frame("1 to a"));
        broadcast(frame("2 to all"));
        outboxC.send(frame("3 to c"));
        outboxB.send(frame("4 to b"));
        broadcast(frame("5 to all"));
        assertNull(a.readOutbound(), "nothing is written before the batch runs on the loop");

        loop.runPendingTasks();
        assertEquals(List.of("1 to a", "2 to all", "5 to all"), received(a));
        assertEquals(List.of("2 to all", "4 to b", "5 to all"), received(b));
        assertEquals(List.of("3 to c"), received(notLoggedIn), "broadcasts go to logged-in members only");
        assertEquals(List.of(1, 1, 1), List.of(a.flushes, b.flushes, notLoggedIn.flushes), "one flush per connection");
        assertEquals(List.of(7L), framesWrittenPerBatch);

        outboxB.send(frame("6 to b"));
        loop.runPendingTasks();
        assertEquals(List.of("6 to b"), received(b));
        assertEquals(List.of(1, 2), List.of(a.flushes, b.flushes), "the next batch flushes only who it wrote to");
        assertEquals(List.of(7L, 1L), framesWrittenPerBatch);
    }

    @Test
    void anAfterFlushActionRunsOnceWhatCameBeforeIsFlushed() {
        CountingChannel a = connection();
        Outbox outbox = outboxOf(a);
        List<String> seenByTheAction = new ArrayList<>();
        outbox.send(frame("before"));
        outbox.afterPending(() -> seenByTheAction.add(a.flushes + " flush, " + a.outboundMessages().size() + " frame out"));
        assertEquals(List.of(), seenByTheAction, "not before the batch runs");

        loop.runPendingTasks();
        assertEquals(List.of("1 flush, 1 frame out"), seenByTheAction);
        assertEquals(List.of("before"), received(a));
        loop.runPendingTasks();
        assertEquals(1, seenByTheAction.size(), "run once");
    }

    @Test
    void membersWhoLeaveGetNoMoreBroadcasts() {
        CountingChannel a = connection();
        CountingChannel b = connection();
        CountingChannel c = connection();
        Outbox outboxA = member(a);
        member(b);
        Outbox outboxC = member(c);
        batcher.join(outboxC); // joining twice is joining once

        batcher.leave(outboxA); // the last member takes the place of the first
        broadcast(frame("x"));
        loop.runPendingTasks();
        assertEquals(List.of(List.of(), List.of("x"), List.of("x")), List.of(received(a), received(b), received(c)));

        batcher.leave(outboxC); // from its new place
        batcher.leave(outboxA); // leaving twice is leaving once
        broadcast(frame("y"));
        loop.runPendingTasks();
        assertEquals(List.of(List.of(), List.of("y"), List.of()), List.of(received(a), received(b), received(c)));
    }

    @Test
    void aBurstIsWrittenAtOnceInOneRunPerLoopWhenItEnds() {
        LoopBatcher coalescing = new LoopBatcher(loop.eventLoop(), framesWrittenPerBatch::add, TimeUnit.HOURS.toNanos(1));
        CountingChannel a = connection();
        CountingChannel b = connection();
        Outbox outboxA = outboxOf(a, coalescing);
        Outbox outboxB = outboxOf(b, coalescing);
        outboxA.send(frame("first"));
        loop.runPendingTasks();
        assertEquals(List.of("first"), received(a), "the loop has not run for the coalescing delay: at once");
        outboxA.send(frame("before"));
        loop.runPendingTasks();
        assertNull(a.readOutbound(), "the next waits: the loop has just run");
        LoopBatcher.inOneBurst(() -> {
            outboxA.send(frame("delivery to a"));
            LoopBatcher.inOneBurst(() -> outboxB.send(frame("ack to b"))); // nested: part of the outer one
            loop.runPendingTasks();
            assertNull(b.readOutbound(), "nothing before the burst ends");
        });
        loop.runPendingTasks();
        assertEquals(List.of("before", "delivery to a"), received(a));
        assertEquals(List.of("ack to b"), received(b));
        assertEquals(List.of(1L, 3L), framesWrittenPerBatch, "one run for the burst and what waited before it");

        outboxA.send(frame("after"));
        loop.runPendingTasks();
        assertNull(a.readOutbound(), "outside a burst a frame waits for the coalescing delay again");
        LoopBatcher.inOneBurst(() -> outboxA.send(frame("next burst")));
        loop.runPendingTasks();
        assertEquals(List.of("after", "next burst"), received(a));
    }

    @Test
    void aBurstThatBroadcastsWaitsUntilTheCoalescingDelayHasPassedSinceTheLoopsLastRunEnded() {
        long[] now = {0};
        long runTakes = TimeUnit.MICROSECONDS.toNanos(800);
        LoopBatcher coalescing = new LoopBatcher(loop.eventLoop(), written -> now[0] += runTakes, TimeUnit.MILLISECONDS.toNanos(1),
                () -> now[0]);
        loop.freezeTime();
        CountingChannel a = connection();
        coalescing.join(outboxOf(a, coalescing));
        LoopBatcher.inOneBurst(() -> coalescing.submit(frame("to a quiet room").retain(), null, false));
        loop.runPendingTasks();
        assertEquals(List.of("to a quiet room"), received(a), "the loop had not run for a while: at once");

        now[0] += TimeUnit.MICROSECONDS.toNanos(400); // 1.2 ms after that run began, 0.4 ms after it ended
        LoopBatcher.inOneBurst(() -> coalescing.submit(frame("to the room").retain(), null, false));
        loop.runPendingTasks();
        assertNull(a.readOutbound(), "the loop's last run ended 0.4 ms ago: it waits");
        loop.advanceTimeBy(599, TimeUnit.MICROSECONDS);
        loop.runScheduledPendingTasks();
        assertNull(a.readOutbound(), "until a millisecond after that run ended");
        loop.advanceTimeBy(1, TimeUnit.MICROSECONDS);
        now[0] += TimeUnit.MICROSECONDS.toNanos(600);
        loop.runScheduledPendingTasks();
        assertEquals(List.of("to the room"), received(a), "and not longer");

        LoopBatcher.inOneBurst(() -> coalescing.submit(frame("again").retain(), null, false));
        LoopBatcher.inOneBurst(() -> { });
        LoopBatcher.inOneBurst(() -> outboxOf(connection(), coalescing).send(frame("ack")));
        loop.runPendingTasks();
        assertEquals(List.of("again"), received(a), "a later burst without a broadcast takes it along");
    }
}

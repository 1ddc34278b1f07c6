package org.majlis.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator: its clients on 1 or 2 Netty NIO event loops, the timeline of a load
 * (warm-up, then the measured window) and the ways senders are driven: at a fixed rate, as
 * fast as a window of messages not yet received by everyone allows, or as fast as a window of
 * messages not yet acked allows.
 */
final class ClientPool implements AutoCloseable {

    /** At most this many connections are being opened and logged in at once. */
    private static final int LOGINS_IN_FLIGHT = 100;
    private static final int MAX_REPORTS = 10;

    record Losses(long sent, long unacked, long lost, long echoLost) {
    }

    final BenchClient[] clients;
    /** The session token of each client's welcome; one set before connecting logs in with it instead of a name. */
    final String[] tokens;
    private final String prefix;
    private final NioEventLoopGroup group;
    private final Bootstrap bootstrap;
    private final InetSocketAddress server;
    private final int portsPerAddress = portsPerSourceAddress();
    private final Map<EventLoop, Stats[]> stats = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    /** Bytes of every frame received (headers included), and presence frames received, by all clients. */
    final LongAdder bytesIn = new LongAdder();
    final LongAdder presenceFrames = new LongAdder();
    private final AtomicInteger reports = new AtomicInteger();
    private volatile boolean closing;

    // Set by start() before the load and published to the event loops there.
    private long measureFrom = Long.MAX_VALUE;
    private long measureTo = Long.MAX_VALUE;
    private int window;
    private int fanout;
    private AtomicIntegerArray pending;
    private boolean sendOnAck;

    ClientPool(int port, int size, int threads) {
        this(port, size, threads, "b");
    }

    /** Client i logs in as guest {prefix}{i}. */
    ClientPool(int port, int size, int threads, String prefix) {
        this.prefix = prefix;
        clients = new BenchClient[size];
        tokens = new String[size];
        group = new NioEventLoopGroup(threads);
        server = new InetSocketAddress("127.0.0.1", port);
        bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    String name(int index) {
        return prefix + index;
    }

    int port() {
        return server.getPort();
    }

    /** Opens connection number index and logs it in (with its token, else as {prefix}{index}); completes on its welcome. */
    CompletableFuture<BenchClient> connect(int index) {
        BenchClient client = new BenchClient(index, this);
        clients[index] = client;
        Bootstrap b = bootstrap.clone().handler(client);
        // Each source address has its own ephemeral ports: beyond one address's share, use 127.0.0.2, 3, ...
        int address = index / portsPerAddress;
        ChannelFuture connected = address == 0 ? b.connect(server)
                : b.connect(server, new InetSocketAddress("127.0.0." + (1 + address), 0));
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                client.welcomed.completeExceptionally(done.cause());
            }
        });
        return client.welcomed;
    }

    /** Connects and logs in every client, a bounded number at a time. */
    void connectAll(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore inFlight = new Semaphore(LOGINS_IN_FLIGHT);
        List<CompletableFuture<BenchClient>> logins = new ArrayList<>();
        for (int i = 0; i < clients.length; i++) {
            if (!inFlight.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("logins too slow: " + i + " of " + clients.length + " started");
            }
            logins.add(connect(i).whenComplete((c, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new))
                .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts the load now: the senders send at rate messages/s in total or, when window > 0, each
     * keeps window messages not yet received by all fanout recipients in flight. Sending stops at
     * the end of the measured window, which is returned as {from, to} in System.nanoTime().
     */
    long[] start(int[] senders, double rate, int window, int fanout, Duration warmup, Duration duration) {
        long now = begin(window, fanout, false, warmup, duration);
        Map<EventLoop, List<BenchClient>> byLoop = new LinkedHashMap<>();
        for (int s : senders) {
            byLoop.computeIfAbsent(clients[s].channel().eventLoop(), l -> new ArrayList<>()).add(clients[s]);
        }
        byLoop.forEach((loop, own) -> {
            if (window > 0) {
                loop.execute(() -> own.forEach(c -> {
                    for (int i = 0; i < window; i++) {
                        c.send();
                    }
                }));
            } else {
                loop.scheduleAtFixedRate(new Pacer(own, rate * own.size() / senders.length, now), 1, 1, TimeUnit.MILLISECONDS);
            }
        });
        return new long[] {measureFrom, measureTo};
    }

    /**
     * Starts the load now: window messages in flight over all senders, each ack making its sender
     * send the next; fanout is how many clients receive each message. An error answer frees no
     * slot, so errors shrink the window (and show in the result). Returns as {@link #start}.
     */
    long[] startAcked(int[] senders, int window, int fanout, Duration warmup, Duration duration) {
        begin(0, fanout, true, warmup, duration);
        for (int i = 0; i < window; i++) {
            BenchClient c = clients[senders[i % senders.length]];
            c.channel().eventLoop().execute(c::send);
        }
        return new long[] {measureFrom, measureTo};
    }

    private long begin(int window, int fanout, boolean sendOnAck, Duration warmup, Duration duration) {
        long now = System.nanoTime();
        this.measureFrom = now + warmup.toNanos();
        this.measureTo = measureFrom + duration.toNanos();
        this.window = window;
        this.fanout = fanout;
        this.pending = new AtomicIntegerArray(window * clients.length);
        this.sendOnAck = sendOnAck;
        // A task on each loop publishes the fields above (and the clients' expectations) to it.
        for (EventExecutor loop : group) {
            loop.submit(() -> { }).syncUninterruptibly();
        }
        return now;
    }

    /**
     * 1 for a message sent within the measured time, else 0, computed without a branch. The JIT
     * compiles a branch for the outcome the warm-up saw alone and throws that code away when the
     * other comes, here for every client's hot path at once as the measured time begins: recompiled
     * under load, the first measured second's acks came several times slower than the others'
     * (performance.md).
     */
    int measuredBit(long sentAt) {
        return bitWithin(sentAt, measureFrom, measureTo);
    }

    /** 1 when from <= t < to, else 0, without a branch; for nanoTime readings of one run (and to = Long.MAX_VALUE before it). */
    static int bitWithin(long t, long from, long to) {
        return (int) (((from - 1 - t) & (t - to)) >>> 63);
    }

    long measureFrom() {
        return measureFrom;
    }

    /** Whether a message sent then is measured; not for the hot path (see {@link #measuredBit}). */
    boolean measured(long sentAt) {
        return measuredBit(sentAt) == 1;
    }

    /** The second of the measured time a message sent then falls in. */
    int secondOf(long sentAt) {
        return (int) ((sentAt - measureFrom) / 1_000_000_000L);
    }

    /** A sender is about to send message n. */
    void sending(int sender, long n) {
        sent.increment();
        if (window > 0) {
            pending.set(sender * window + (int) (n % window), fanout);
        }
    }

    /** A recipient got message n of sender for the first time; the last one frees a window slot. */
    void receivedBy(int sender, long n) {
        if (window > 0 && pending.decrementAndGet(sender * window + (int) (n % window)) == 0
                && System.nanoTime() < measureTo) {
            BenchClient c = clients[sender];
            EventLoop loop = c.channel().eventLoop();
            if (loop.inEventLoop()) {
                c.send();
            } else {
                loop.execute(c::send);
            }
        }
    }

    /** Client c, on its event loop, got an ack. */
    void acked(BenchClient c) {
        if (sendOnAck && System.nanoTime() < measureTo) {
            c.send();
        }
    }

    void delivered() {
        deliveries.increment();
    }

    /** Waits until every message sent reached its fanout recipients, or the timeout; true if all did. */
    boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deliveries.sum() < sent.sum() * fanout) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Counts, over the messages sent in the measured window, the acked ones some expected recipient missed. */
    Losses losses(int[] senders) {
        long[][] measured = new long[clients.length][];
        for (int i = 0; i < clients.length; i++) {
            measured[i] = clients[i].measuredRange();
        }
        long total = 0;
        long unacked = 0;
        for (int s : senders) {
            BenchClient c = clients[s];
            for (long n = measured[s][0]; n < measured[s][1]; n++) {
                total++;
                unacked += c.acked(n) ? 0 : 1;
            }
        }
        long lost = 0;
        long echoLost = 0;
        for (BenchClient r : clients) {
            for (int s : r.expectedSenders()) {
                BenchClient c = clients[s];
                for (long n = measured[s][0]; n < measured[s][1]; n++) {
                    if (c.acked(n) && !r.received(s, n)) {
                        if (s == r.index && r.isPrivate()) {
                            echoLost++;
                        } else {
                            lost++;
                        }
                    }
                }
            }
        }
        return new Losses(total, unacked, lost, echoLost);
    }

    /** What the loop's clients observe, by {@link #measuredBit}: the warm-up's and after (not reported), and the measured time's. */
    Stats[] statsOf(EventLoop loop) {
        return stats.computeIfAbsent(loop, l -> new Stats[] {new Stats(), new Stats()});
    }

    boolean closing() {
        return closing;
    }

    /** Prints the first few unexpected events (errors, closes) with evidence. */
    void report(String what) {
        int n = reports.incrementAndGet();
        if (n <= MAX_REPORTS) {
            System.out.println("  client: " + (what.length() > 300 ? what.substring(0, 300) + "..." : what));
        } else if (n == MAX_REPORTS + 1) {
            System.out.println("  client: (more events not shown)");
        }
    }

    /** Closes every connection and stops the event loops; returns what all loops observed. */
    @Override
    public void close() {
        closing = true;
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** After close(): the merged observations of all loops. */
    Stats stats() {
        Stats total = new Stats();
        stats.values().forEach(byBit -> total.add(byBit[1]));
        return total;
    }

    /** Sends, every millisecond, the messages due by now at a fixed rate, round-robin over its senders. */
    private final class Pacer implements Runnable {

        private final List<BenchClient> senders;
        private final double perNano;
        private final long start;
        private long done;
        private int next;

        Pacer(List<BenchClient> senders, double rate, long start) {
            this.senders = senders;
            this.perNano = rate / 1e9;
            this.start = start;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            if (now >= measureTo) {
                return;
            }
            // Due counts from the start, so a late tick catches up instead of lowering the rate.
            for (long due = (long) ((now - start) * perNano); done < due; done++) {
                senders.get(next).send();
                next = (next + 1) % senders.size();
            }
        }
    }

    private static int portsPerSourceAddress() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            // Leave half of the range to everything else on the machine.
            return Math.max(1000, (Integer.parseInt(range[1]) - Integer.parseInt(range[0])) / 2);
        } catch (IOException | RuntimeException e) {
            return 10_000;
        }
    }
}

package org.majlis.bench;

import static org.majlis.bench.WireBytes.ascii;
import static org.majlis.bench.WireBytes.find;
import static org.majlis.bench.WireBytes.startsWith;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One WebSocket connection of the load generator: the upgrade handshake, masked text frames out,
 * and a frame decoder that reads received frames in place. A message is never turned into a
 * String or a JSON tree: the few fields needed are found by scanning the bytes, which relies on
 * the server writing {@code type} first. Everything but construction runs on the channel's event loop.
 */
final class BenchClient extends ByteToMessageDecoder {

    private static final byte[] HEADER_END = ascii("\r\n\r\n");
    private static final byte[] TYPE = ascii("{\"type\":\"");
    private static final byte[] NEW_MESSAGE = ascii("new_message\"");
    private static final byte[] ACK = ascii("ack\"");
    private static final byte[] WELCOME = ascii("welcome\"");
    private static final byte[] ERROR = ascii("error\"");
    private static final byte[] PRESENCE = ascii("presence\"");
    private static final byte[] SEQ = ascii("\"seq\":");
    private static final byte[] MESSAGE = ascii("\"message\":\"");
    private static final byte[] REF = ascii("\"ref\":\"");
    private static final byte[] TOKEN = ascii("\"token\":\"");
    /** Enough for the frames that are scanned (new_message, ack, error); longer frames are only typed. */
    private static final int SCAN_LIMIT = 1024;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCAN_LIMIT];
        }
    };

    final int index;
    final CompletableFuture<BenchClient> welcomed = new CompletableFuture<>();
    private final ClientPool pool;
    private Channel channel;
    /** The loop's observations, by {@link ClientPool#measuredBit}; counts of errors go to the measured ones whenever they come. */
    private Stats[] statsByBit;
    private Stats stats;
    private boolean upgraded;
    private int cursor;

    // Receiving: the senders this client expects messages from, and which numbers came from each.
    private int[] expectFrom = {};
    private BitSet[] received = {};
    private long[] highest = {};
    private long lastSeq;

    // Sending: numbered messages, to the room or (when set) privately to this user.
    private String to;
    private long next;
    private long[] sendTimes = new long[1024];
    private final BitSet acked = new BitSet();

    BenchClient(int index, ClientPool pool) {
        this.index = index;
        this.pool = pool;
    }

    /** Before the load: the senders whose messages must reach this client, and its private partner if any. */
    void expect(int[] senders, String privateTo) {
        expectFrom = senders.clone();
        received = new BitSet[senders.length];
        highest = new long[senders.length];
        for (int i = 0; i < senders.length; i++) {
            received[i] = new BitSet();
            highest[i] = -1;
        }
        to = privateTo;
    }

    int[] expectedSenders() {
        return expectFrom;
    }

    boolean received(int sender, long n) {
        int slot = slotOf(sender);
        return slot >= 0 && received[slot].get((int) n);
    }

    boolean acked(long n) {
        return acked.get((int) n);
    }

    /**
     * After the run, from the send times: the numbers of the first message sent in the measured
     * time and of the one after its last, {first, end}.
     */
    long[] measuredRange() {
        long first = 0;
        while (first < next && sendTimes[(int) first] < pool.measureFrom()) {
            first++;
        }
        long end = first;
        while (end < next && pool.measured(sendTimes[(int) end])) {
            end++;
        }
        return new long[] {first, end};
    }

    boolean isPrivate() {
        return to != null;
    }

    Channel channel() {
        return channel;
    }

    /** Sends the next numbered message, stamped with the send time. */
    void send() {
        long now = System.nanoTime();
        long n = next++;
        if (n == sendTimes.length) {
            sendTimes = Arrays.copyOf(sendTimes, sendTimes.length * 2);
        }
        sendTimes[(int) n] = now;
        pool.sending(index, n);
        String text = index + ":" + n + ":" + now;
        sendText(to == null
                ? "{\"type\":\"send_message\",\"id\":\"" + n + "\",\"payload\":{\"message\":\"" + text + "\",\"room\":\"general\"}}"
                : "{\"type\":\"private_message\",\"id\":\"" + n + "\",\"payload\":{\"message\":\"" + text + "\",\"to\":\"" + to + "\"}}");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        statsByBit = pool.statsOf(channel.eventLoop());
        stats = statsByBit[1];
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(ascii("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n\r\n")));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!pool.closing()) {
            stats.closed++;
        }
        welcomed.completeExceptionally(new IllegalStateException(pool.name(index) + " closed before welcome"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        pool.report(pool.name(index) + ": " + cause);
        ctx.close();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!upgraded) {
            int end = find(in, in.readerIndex(), in.writerIndex(), HEADER_END);
            if (end < 0) {
                return;
            }
            String status = in.toString(in.readerIndex(), Math.min(12, end - in.readerIndex()), StandardCharsets.US_ASCII);
            if (!status.equals("HTTP/1.1 101")) {
                pool.report(pool.name(index) + ": upgrade refused: " + status);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            in.readerIndex(end + HEADER_END.length);
            upgraded = true;
            String token = pool.tokens[index];
            sendText(token == null ? "{\"type\":\"login\",\"payload\":{\"username\":\"" + pool.name(index) + "\"}}"
                    : "{\"type\":\"login\",\"payload\":{\"token\":\"" + token + "\"}}");
        }
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int b0 = in.getUnsignedByte(start);
            int len7 = in.getUnsignedByte(start + 1) & 0x7F;
            int header = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
            if (in.readableBytes() < header) {
                return;
            }
            long length = len7 == 126 ? in.getUnsignedShort(start + 2) : len7 == 127 ? in.getLong(start + 2) : len7;
            if (in.readableBytes() < header + length) {
                return;
            }
            int from = start + header;
            int end = (int) (from + length);
            pool.bytesIn.add(header + length);
            switch (b0 & 0x0F) {
                case 0x1 -> text(in, from, end);
                case 0x9 -> writeFrame(0xA, ByteBufUtil.getBytes(in, from, end - from)); // answer the server's ping
                case 0x8 -> {
                    pool.report(pool.name(index) + ": closed by the server with " + (length >= 2 ? in.getUnsignedShort(from) : 1005));
                    ctx.close();
                }
                default -> { }
            }
            in.readerIndex(end);
        }
    }

    private void text(ByteBuf in, int from, int end) {
        // The frames scanned are small: copying one into an array (a memcpy) makes scanning cheap.
        byte[] b = SCRATCH.get();
        int length = Math.min(end - from, SCAN_LIMIT);
        in.getBytes(from, b, 0, length);
        if (!startsWith(b, 0, length, TYPE)) {
            return;
        }
        int type = TYPE.length;
        if (startsWith(b, type, length, PRESENCE)) {
            pool.presenceFrames.increment();
            return;
        }
        if (startsWith(b, type, length, NEW_MESSAGE)) {
            if (end - from > SCAN_LIMIT) {
                pool.report(pool.name(index) + ": new_message over " + SCAN_LIMIT + " bytes, not scanned");
            } else {
                newMessage(b, type + NEW_MESSAGE.length, length);
            }
        } else if (startsWith(b, type, length, ACK)) {
            int ref = find(b, type, length, REF);
            if (ref >= 0) {
                onAck(number(b, ref + REF.length));
            }
        } else if (startsWith(b, type, length, WELCOME)) {
            int token = find(b, type, length, TOKEN);
            if (token >= 0) { // kept for a reconnect (restart-wave)
                int start = token + TOKEN.length;
                int stop = start;
                while (stop < length && b[stop] != '"') {
                    stop++;
                }
                pool.tokens[index] = new String(b, start, stop - start, StandardCharsets.US_ASCII);
            }
            welcomed.complete(this);
        } else if (startsWith(b, type, length, ERROR)) {
            stats.errors++;
            pool.report(pool.name(index) + ": " + in.toString(from, end - from, StandardCharsets.UTF_8));
        }
    }

    private void newMessage(byte[] b, int from, int end) {
        long now = System.nanoTime();
        int seqAt = find(b, from, end, SEQ);
        int textAt = seqAt < 0 ? -1 : find(b, seqAt, end, MESSAGE);
        if (textAt < 0) {
            pool.report(pool.name(index) + ": unexpected new_message " + new String(b, 0, end, StandardCharsets.UTF_8));
            return;
        }
        long seq = number(b, seqAt + SEQ.length);
        if (seq <= lastSeq) {
            stats.seqErrors++;
        }
        lastSeq = seq;
        int sender = (int) number(b, textAt + MESSAGE.length);
        long n = number(b, cursor + 1);
        long sentAt = number(b, cursor + 1);
        int slot = slotOf(sender);
        if (slot < 0) {
            stats.stray++;
            return;
        }
        pool.delivered();
        Stats in = statsByBit[pool.measuredBit(sentAt)];
        if (received[slot].get((int) n)) {
            in.duplicates++;
            return;
        }
        received[slot].set((int) n);
        if (n < highest[slot]) {
            in.outOfOrder++;
        } else {
            highest[slot] = n;
        }
        if (sender == index && to != null) {
            in.echoes++;
        } else {
            in.delivered++;
            in.delivery.record((now - sentAt) / 1000);
        }
        pool.receivedBy(sender, n);
    }

    /** The ack of message n: it is stored. */
    private void onAck(long n) {
        long sent = sendTimes[(int) n];
        acked.set((int) n);
        statsByBit[pool.measuredBit(sent)].ack((System.nanoTime() - sent) / 1000, Math.max(0, pool.secondOf(sent)));
        pool.acked(this);
    }

    private int slotOf(int sender) {
        for (int i = 0; i < expectFrom.length; i++) {
            if (expectFrom[i] == sender) {
                return i;
            }
        }
        return -1;
    }

    /** Parses the decimal number (optionally negative) at from; leaves cursor just after it. */
    private long number(byte[] b, int from) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        for (; i < b.length && b[i] >= '0' && b[i] <= '9'; i++) {
            value = value * 10 + (b[i] - '0');
        }
        cursor = i;
        return negative ? -value : value;
    }

    /** Asks for the presence of that user (the only one) on this connection. */
    void subscribeTo(String name) {
        channel.eventLoop().execute(() -> sendText("{\"type\":\"presence_subscribe\",\"payload\":{\"users\":[\"" + name + "\"]}}"));
    }

    private void sendText(String text) {
        writeFrame(0x1, ascii(text));
    }

    private void writeFrame(int opcode, byte[] payload) {
        channel.writeAndFlush(WireBytes.maskedFrame(channel.alloc(), opcode, payload), channel.voidPromise());
    }
}

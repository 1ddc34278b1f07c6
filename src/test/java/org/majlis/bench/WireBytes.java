package org.majlis.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** The load generator's byte work: client frames out, and scanning received frames in place. */
final class WireBytes {

    private WireBytes() {
    }

    /** A final, masked client frame (RFC 6455 5.3), as the server requires. */
    static ByteBuf maskedFrame(ByteBufAllocator alloc, int opcode, byte[] payload) {
        ByteBuf buf = alloc.buffer(payload.length + 8);
        buf.writeByte(0x80 | opcode);
        if (payload.length < 126) {
            buf.writeByte(0x80 | payload.length);
        } else {
            buf.writeByte(0x80 | 126);
            buf.writeShort(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        buf.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            buf.writeByte(payload[i] ^ mask[i & 3]);
        }
        return buf;
    }

    static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int find(byte[] b, int from, int end, byte[] needle) {
        for (int i = from, last = end - needle.length; i <= last; i++) {
            if (b[i] == needle[0] && startsWith(b, i, end, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of needle in in[from, end), or -1; only for the handshake, where bytes stay in the buffer. */
    static int find(ByteBuf in, int from, int end, byte[] needle) {
        for (int i = from, last = end - needle.length; i <= last; i++) {
            int j = 0;
            while (j < needle.length && in.getByte(i + j) == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

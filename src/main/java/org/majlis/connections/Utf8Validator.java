package org.majlis.connections;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Checks that the bytes of a text message are well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), across the fragments of one message.
 */
final class Utf8Validator implements ByteProcessor {

    private int expected;
    private int lower = 0x80;
    private int upper = 0xBF;
    private boolean broken;

    void reset() {
        expected = 0;
        lower = 0x80;
        upper = 0xBF;
        broken = false;
    }

    /** Feeds the readable bytes; false once anything so far is not UTF-8. */
    boolean feed(ByteBuf bytes) {
        if (!broken) {
            bytes.forEachByte(this);
        }
        return !broken;
    }

    /** Whether the message may end here (no character cut in half). */
    boolean complete() {
        return !broken && expected == 0;
    }

    @Override
    public boolean process(byte value) {
        int b = value & 0xFF;
        if (expected > 0) {
            if (b < lower || b > upper) {
                broken = true;
                return false;
            }
            lower = 0x80;
            upper = 0xBF;
            expected--;
        } else if (b >= 0x80) {
            broken = !lead(b);
        }
        return !broken;
    }

    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            expected = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            expected = 2;
            lower = b == 0xE0 ? 0xA0 : 0x80;
            upper = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            expected = 3;
            lower = b == 0xF0 ? 0x90 : 0x80;
            upper = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        return true;
    }
}

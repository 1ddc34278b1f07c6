package org.majlis.messages;

import java.util.concurrent.ThreadLocalRandom;

/** Message ids: {@code m_} and a ULID (time-ordered, 26 Crockford base32 characters). */
final class MessageIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private MessageIds() {
    }

    static String next(long epochMillis) {
        char[] out = new char[28];
        out[0] = 'm';
        out[1] = '_';
        for (int i = 9; i >= 0; i--) {
            out[2 + i] = ALPHABET[(int) (epochMillis & 31)];
            epochMillis >>>= 5;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            long bits = i < 12 ? high >>> (i * 5) : low >>> ((i - 12) * 5);
            out[12 + i] = ALPHABET[(int) (bits & 31)];
        }
        return new String(out);
    }
}

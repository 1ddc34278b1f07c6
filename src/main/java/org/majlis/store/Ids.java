package org.majlis.store;

import java.util.concurrent.ThreadLocalRandom;

/** Ids of stored things: a letter, {@code _} and a ULID (time-ordered, 26 Crockford base32 characters). */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    public static final char MESSAGE = 'm';
    public static final char FILE = 'f';

    private Ids() {
    }

    /** Sorts before every id of its kind made at {@code epochMillis} or later, after every earlier one. */
    public static String floor(char kind, long epochMillis) {
        return next(kind, Math.max(0, epochMillis)).substring(0, 12);
    }

    public static String next(char kind, long epochMillis) {
        char[] out = new char[28];
        out[0] = kind;
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

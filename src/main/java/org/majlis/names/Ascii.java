package org.majlis.names;

/** Text that is all ASCII needs none of Unicode's work: no normalization, no folding, no encoding to UTF-8. */
public final class Ascii {

    private Ascii() {
    }

    public static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}

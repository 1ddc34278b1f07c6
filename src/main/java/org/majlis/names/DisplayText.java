package org.majlis.names;

import java.text.Normalizer;

/**
 * The rules for a short free text shown beside a name (a display name, a status text): any
 * script, NFC, trimmed, nothing that renders as nothing or reorders what follows it. Refused are
 * control characters, line and paragraph separators, format characters (the bidi overrides and
 * isolates among them) and the other default-ignorable code points, except the two joiners that
 * Persian, the Indic scripts and emoji sequences need (ZWNJ, ZWJ) and the emoji variation selector.
 */
public final class DisplayText {

    /** Why a text was refused. */
    public enum Refusal { TOO_LONG, FORBIDDEN_CHARACTER }

    /** A text that breaks a rule, with the rule. */
    public static final class Refused extends IllegalArgumentException {
        private final Refusal refusal;

        Refused(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int EMOJI_PRESENTATION = 0xFE0F;

    private DisplayText() {
    }

    /** The text as stored: NFC and trimmed, null for an absent or blank one; throws {@link Refused}. */
    public static String normalize(String raw, int maxCodePoints) {
        if (raw == null) {
            return null;
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > maxCodePoints) {
            throw new Refused(Refusal.TOO_LONG, "at most " + maxCodePoints + " characters");
        }
        if (!text.codePoints().allMatch(DisplayText::allowed)) {
            throw new Refused(Refusal.FORBIDDEN_CHARACTER, "control, invisible and direction-changing characters are not allowed");
        }
        return text;
    }

    static boolean allowed(int cp) {
        if (cp == ZWNJ || cp == ZWJ || cp == EMOJI_PRESENTATION) {
            return true;
        }
        if (DefaultIgnorable.contains(cp)) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> false;
            default -> true;
        };
    }
}

package org.majlis.names;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The protocol's rules for user and room names: 1 to 32 characters of letters and digits of any
 * script plus {@code _ - .}, starting with a letter or digit, compared case-insensitively.
 */
public final class Names {

    public static final int MAX_LENGTH = 32;
    private static final Set<String> RESERVED_USERNAMES = Set.of("system", "server", "admin", "general");

    private Names() {
    }

    /** The NFC form of a valid name, or null when the name breaks a rule. */
    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int count = name.codePointCount(0, name.length());
        if (count > MAX_LENGTH) {
            return null;
        }
        int first = name.codePointAt(0);
        if (!Character.isLetterOrDigit(first)) {
            return null;
        }
        for (int i = Character.charCount(first); i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!allowedAfterFirst(cp)) {
                return null;
            }
            i += Character.charCount(cp);
        }
        return name;
    }

    /** A valid username that is not reserved, in NFC, or null. */
    public static String normalizeUsername(String raw) {
        String name = normalize(raw);
        return name == null || RESERVED_USERNAMES.contains(key(name)) ? null : name;
    }

    /**
     * The key under which names are unique: full case folding approximated by upper then lower
     * case (so "Straße" and "STRASSE" collide), normalized again because folding can decompose.
     */
    public static String key(String name) {
        String folded = name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    // Combining marks are letters' diacritics in Arabic, Devanagari and others: allowed after the first character.
    private static boolean allowedAfterFirst(int cp) {
        if (cp == '_' || cp == '-' || cp == '.') {
            return true;
        }
        if (Character.isLetter(cp) || Character.isDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}

package org.majlis.names;

import static org.majlis.names.Ascii.isAscii;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The protocol's rules for user and room names: 1 to 32 characters of letters and digits of any
 * script plus {@code _ - .}, starting with a letter or digit, no invisible characters, compared
 * case-insensitively and without regard to compatibility forms (fullwidth, mathematical letters).
 */
public final class Names {

    public static final int MAX_LENGTH = 32;
    /** Keys are stored in VARCHAR(200) columns; compatibility forms can expand (a ligature to 18 letters). */
    private static final int MAX_KEY_LENGTH = 128;
    private static final Set<String> RESERVED_SKELETONS = Stream.of("system", "server", "admin", "general")
            .map(Names::skeleton).collect(Collectors.toUnmodifiableSet());

    private Names() {
    }

    /** The NFC form of a valid name, or null when the name breaks a rule. */
    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (isAscii(raw)) { // NFC and the key change no rule for ASCII: checked without a copy, as on every private message
            return isAsciiName(raw) ? raw : null;
        }
        return normalizeUnicode(raw);
    }

    static String normalizeUnicode(String raw) {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int count = name.codePointCount(0, name.length());
        if (count > MAX_LENGTH || !Character.isLetterOrDigit(name.codePointAt(0))) {
            return null;
        }
        // the key is checked too: a compatibility form may hide a space (U+FDFA) or expand a lot
        String key = key(name);
        boolean allowed = key.length() <= MAX_KEY_LENGTH && name.codePoints().allMatch(Names::allowed)
                && key.codePoints().allMatch(Names::allowed);
        return allowed ? name : null;
    }

    /** A valid username that is not reserved nor looks like a reserved name, in NFC, or null. */
    public static String normalizeUsername(String raw) {
        String name = normalize(raw);
        return name == null || RESERVED_SKELETONS.contains(skeleton(name)) ? null : name;
    }

    /**
     * The key under which names are unique: an approximation of Unicode's NFKC_Casefold. NFKC
     * (ｓａｒａ and 𝐬𝐚𝐫𝐚 are sara), then full case folding approximated by upper then lower case
     * (Straße, STRASSE and STRAẞE collide; İ folds to i + U+0307), then NFKC again because folding
     * can decompose. For names that NFKC leaves alone and without ẞ, the key is what it always was.
     */
    public static String key(String name) {
        if (isAscii(name)) {
            return name.toLowerCase(Locale.ROOT);
        }
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC);
        // ẞ lowers to ß, which folds to ss (ß itself upper-cases to SS)
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace("ß", "ss");
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /**
     * What the name looks like: names with the same skeleton are confusable (раураl with Cyrillic
     * letters and paypal, g00gle and google). Derived from the key, so names with the same key have
     * the same skeleton. A subset of Unicode TS #39's confusables, see {@link Confusables}.
     */
    public static String skeleton(String name) {
        return Confusables.skeleton(key(name));
    }

    private static boolean isAsciiName(String name) {
        if (name.length() > MAX_LENGTH || !Character.isLetterOrDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!allowed(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // Whether a name may hold this character. Combining marks are letters' diacritics in Arabic, Devanagari and others: allowed after the
    // first character (checked by the caller). Invisible ones (U+034F, variation selectors) and
    // letters that render as nothing (the Hangul fillers) are default-ignorable: refused.
    public static boolean allowed(int cp) {
        if (cp == '_' || cp == '-' || cp == '.') {
            return true;
        }
        if (DefaultIgnorable.contains(cp)) {
            return false;
        }
        if (Character.isLetter(cp) || Character.isDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}

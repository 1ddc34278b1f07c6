package org.majlis.names;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * A skeleton in the manner of Unicode TS #39 (section 4): two names with the same skeleton look
 * alike. The table is a small subset of TS #39's confusables.txt, for names already case-folded:
 * Cyrillic, Greek and Armenian letters that look like Latin ones, 0 and 1 (o and l), and m (rn).
 * A letter maps to the Latin letter that its capital or small form is drawn like; where the two
 * differ, the identical capital wins (Greek η maps to h, because Η is H).
 */
final class Confusables {

    private static final String TABLE = """
            а a  в b  г r  е e  і i  ј j  к k  м rn  н h  о o  п n  р p  с c  т t  у y  х x  ѕ s  ԁ d  һ h  ӏ l  ԛ q  ԝ w  ү y
            α a  β b  γ y  ε e  ζ z  η h  ι i  κ k  μ rn  ν n  ο o  ρ p  τ t  υ y  χ x  ω w
            օ o  ս u  ո n  ɑ a  ɡ g  ɩ i  ĸ k  0 o  1 l  m rn
            """;
    private static final Map<Integer, String> LOOKS_LIKE = parse(TABLE);
    private static final int COMBINING_DOT_ABOVE = 0x0307;

    private Confusables() {
    }

    /** The skeleton of a case-folded name key. */
    static String skeleton(String key) {
        String decomposed = Normalizer.normalize(key, Normalizer.Form.NFD);
        StringBuilder skeleton = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            // i and j carry their dot already: a combining dot above them is invisible (İ folds to i + U+0307)
            boolean invisibleDot = cp == COMBINING_DOT_ABOVE && !skeleton.isEmpty()
                    && (skeleton.charAt(skeleton.length() - 1) == 'i' || skeleton.charAt(skeleton.length() - 1) == 'j');
            if (!invisibleDot) {
                String target = LOOKS_LIKE.get(cp);
                if (target == null) {
                    skeleton.appendCodePoint(cp);
                } else {
                    skeleton.append(target);
                }
            }
        });
        return Normalizer.normalize(skeleton, Normalizer.Form.NFC);
    }

    private static Map<Integer, String> parse(String table) {
        String[] words = table.trim().split("\\s+");
        Map<Integer, String> map = new HashMap<>();
        for (int i = 0; i < words.length; i += 2) {
            map.put(words[i].codePointAt(0), words[i + 1]);
        }
        return Map.copyOf(map);
    }
}

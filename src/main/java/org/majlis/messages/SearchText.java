package org.majlis.messages;

import static org.majlis.names.Ascii.isAscii;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text as search sees it. A word is a run of letters, digits and combining marks; it is matched
 * folded: compatibility forms (NFKC), case, and every diacritic removed (Latin accents, Arabic
 * tashkeel), then Arabic as Arabic search engines normalize it: tatweel dropped, the alef forms
 * (أ إ آ ٱ) as ا, alef maqsura ى as ي, taa marbuta ة as ه, hamza seats ؤ ئ as و ي, Arabic-Indic
 * digits as 0-9. Messages are indexed as their folded words, so a query typed without vowels
 * finds vowelled text, and the other way round.
 */
public final class SearchText {

    /** The longest indexed text kept (the column's width); a message's words fit many times over. */
    static final int MAX_INDEXED = 16_000;
    private static final int TATWEEL = 0x0640;

    /** A word of a text: its place (UTF-16 offsets, as JavaScript strings count) and its folded form. */
    record Word(int start, int end, String folded) {
    }

    private SearchText() {
    }

    /** What the index keeps of a message: its folded words, separated by spaces; "" when it has none. */
    public static String indexed(String text) {
        if (isAscii(text)) {
            return indexedAscii(text);
        }
        return indexedWords(text);
    }

    static String indexedWords(String text) {
        StringBuilder out = new StringBuilder();
        for (Word word : words(text)) {
            if (out.length() + word.folded().length() + 1 > MAX_INDEXED) {
                break;
            }
            out.append(out.isEmpty() ? "" : " ").append(word.folded());
        }
        return out.toString();
    }

    /** {@link #indexed} of ASCII text, where a word is a run of letters and digits, without a copy per word. */
    private static String indexedAscii(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_INDEXED));
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (out.length() + (i - start) + 1 > MAX_INDEXED) {
                break;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            for (int c = start; c < i; c++) {
                out.append(Character.toLowerCase(text.charAt(c)));
            }
        }
        return out.toString();
    }

    static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!inWord(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < text.length() && inWord(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            String folded = fold(text.substring(start, i));
            if (!folded.isEmpty()) {
                words.add(new Word(start, i, folded));
            }
        }
        return words;
    }

    static String fold(String word) {
        // most words of most messages: NFKC, NFD and the Arabic folds leave ASCII as it is
        return isAscii(word) ? word.toLowerCase(Locale.ROOT) : foldUnicode(word);
    }

    static String foldUnicode(String word) {
        String decomposed = Normalizer.normalize(Normalizer.normalize(word, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(cp -> !isMark(cp) && cp != TATWEEL).map(SearchText::foldArabic).forEach(out::appendCodePoint);
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    private static boolean inWord(int cp) {
        return Character.isLetterOrDigit(cp) || isMark(cp);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** After NFD has split the hamza and madda off their alef, waw and yaa seats. */
    private static int foldArabic(int cp) {
        return switch (cp) {
            case 0x0671 -> 0x0627; // alef wasla
            case 0x0649, 0x06CC -> 0x064A; // alef maqsura, Farsi yeh
            case 0x0629 -> 0x0647; // taa marbuta
            case 0x06A9 -> 0x0643; // keheh
            default -> Character.isDigit(cp) && cp > 0x7F ? '0' + Character.digit(cp, 10) : cp;
        };
    }
}

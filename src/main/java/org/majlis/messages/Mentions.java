package org.majlis.messages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.names.Names;

/**
 * The names a message mentions: every {@code @name} that follows the username rules, not glued to
 * a word before it (an e-mail address mentions nobody), without a sentence's closing full stop.
 * Read from the text, so history and live messages agree, and nothing more is stored.
 */
public final class Mentions {

    /** More would only make one message notify a crowd. */
    static final int MAX = 20;

    private Mentions() {
    }

    /** The names mentioned, once each (as names compare), in order; null when none. */
    public static List<String> of(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return null;
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        int at = text.indexOf('@');
        while (at >= 0 && byKey.size() < MAX) {
            int end = at + 1;
            while (end < text.length() && Names.allowed(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            int nameEnd = end;
            while (nameEnd > at + 1 && (text.charAt(nameEnd - 1) == '.' || text.charAt(nameEnd - 1) == '-')) {
                nameEnd--;
            }
            boolean startsAWord = at == 0 || !Names.allowed(text.codePointBefore(at));
            String name = startsAWord && nameEnd > at + 1 ? Names.normalizeUsername(text.substring(at + 1, nameEnd)) : null;
            if (name != null) {
                byKey.putIfAbsent(Names.key(name), name);
            }
            at = text.indexOf('@', end);
        }
        return byKey.isEmpty() ? null : List.copyOf(byKey.values());
    }
}

package org.majlis.messages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@code search} asks for: every term must be in a message; a term is one folded word, or a
 * phrase (words in quotes) whose words must follow each other. Terms hold only letters and digits,
 * so they are safe inside either database's query syntax.
 */
public record SearchQuery(List<List<String>> terms) {

    /** More terms would only make a slow query. */
    static final int MAX_TERMS = 10;

    /** The query's terms; none when it has no word (only spaces or punctuation). */
    public static SearchQuery parse(String query) {
        List<List<String>> terms = new ArrayList<>();
        String[] parts = query.split("\"", -1);
        for (int i = 0; i < parts.length && terms.size() < MAX_TERMS; i++) {
            List<String> words = SearchText.words(parts[i]).stream().map(SearchText.Word::folded).toList();
            if (i % 2 == 1 && i < parts.length - 1) { // between two quotes: a phrase
                if (!words.isEmpty()) {
                    terms.add(words);
                }
            } else {
                words.stream().limit(MAX_TERMS - terms.size()).forEach(word -> terms.add(List.of(word)));
            }
        }
        return new SearchQuery(List.copyOf(terms));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /**
     * For SQLite's FTS5: every word of every term quoted, all required. Its index keeps no word
     * positions, so a phrase's order is left to {@link #matches}.
     */
    String fts5() {
        return String.join(" AND ", terms.stream().flatMap(List::stream).distinct().map(word -> "\"" + word + "\"").toList());
    }

    /** For PostgreSQL's to_tsquery: words quoted, a phrase's words joined by "followed by". */
    String tsquery() {
        return String.join(" & ", terms.stream()
                .map(term -> "(" + String.join(" <-> ", term.stream().map(word -> "'" + word + "'").toList()) + ")").toList());
    }

    /** Whether a message's search text (its folded words, space-separated) holds every term, a phrase's words in order. */
    boolean matches(String searchText) {
        if (searchText == null) {
            return false;
        }
        String words = " " + searchText + " ";
        return terms.stream().allMatch(term -> words.contains(" " + String.join(" ", term) + " "));
    }

    /** Where the text has a word of the query, as [start, end) UTF-16 offsets, in order. */
    public List<int[]> highlights(String text) {
        Set<String> wanted = new HashSet<>();
        terms.forEach(wanted::addAll);
        return SearchText.words(text).stream().filter(word -> wanted.contains(word.folded()))
                .map(word -> new int[] {word.start(), word.end()}).toList();
    }
}

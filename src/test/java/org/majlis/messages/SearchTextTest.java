package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding and query parsing, as Arabic and Latin-script users type. */
class SearchTextTest {

    @Test
    void arabicIsFoldedAsArabicSearchEnginesDo() {
        assertEquals(SearchText.indexed("محمد ذهب الى المدرسه"), SearchText.indexed("مُحَمَّدٌ ذَهَبَ إِلَى المَدْرَسَةِ"));
        assertEquals("احمد", SearchText.fold("أحمد"));
        assertEquals("اسلام", SearchText.fold("إسلام"));
        assertEquals("امن", SearchText.fold("آمن"));
        assertEquals("الله", SearchText.fold("ٱلله"));
        assertEquals("مدرسه", SearchText.fold("مـــدرســة"), "tatweel");
        assertEquals("علي", SearchText.fold("على"), "alef maqsura");
        assertEquals("مسوول", SearchText.fold("مسؤول"));
        assertEquals("2026", SearchText.fold("٢٠٢٦"));
    }

    @Test
    void latinWordsLoseCaseAndAccentsAndCompatibilityForms() {
        assertEquals("cafe creme", SearchText.indexed("Café CRÈME!"));
        assertEquals("salam labas 3lik", SearchText.indexed("Salam, labas 3lik?"));
        assertEquals("full", SearchText.fold("ｆｕｌｌ"));
        assertEquals("", SearchText.indexed("… !!! 👍"));
    }

    @Test
    void anAsciiWordIsFoldedAsTheFullFoldingWould() {
        for (String word : List.of("Hello", "WORLD", "abc123", "x", "Z9", "camelCase", "0042")) {
            assertEquals(SearchText.foldUnicode(word), SearchText.fold(word), word);
        }
        assertEquals("hello", SearchText.fold("HeLLo"));
    }

    @Test
    void asciiTextIsIndexedAsTheWordByWordFoldingWould() {
        StringBuilder everyCharacter = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            everyCharacter.append(c).append(c).append('a').append(c);
        }
        String words = "Word 42x_y-Z, ".repeat(SearchText.MAX_INDEXED / 10);
        for (String text : List.of(everyCharacter.toString(), "", "  ", "ONE", "a b", words, words.substring(3), "x".repeat(SearchText.MAX_INDEXED - 1),
                "x".repeat(SearchText.MAX_INDEXED), "a " + "x".repeat(SearchText.MAX_INDEXED - 3), "a " + "x".repeat(SearchText.MAX_INDEXED - 2))) {
            assertEquals(SearchText.indexedWords(text), SearchText.indexed(text), text.length() > 40 ? text.substring(0, 40) : text);
        }
        assertEquals("word 42x y z", SearchText.indexed("Word 42x_y-Z,"));
    }

    @Test
    void aQueryIsWordsAndQuotedPhrases() {
        assertEquals(List.of(List.of("lunch", "plans"), List.of("today")), SearchQuery.parse("\"Lunch plans\" today").terms());
        assertEquals(List.of(List.of("unclosed"), List.of("quote")), SearchQuery.parse("\"unclosed quote").terms());
        assertTrue(SearchQuery.parse("?? \"\" ...").isEmpty());
        assertEquals("\"lunch\" AND \"plans\" AND \"today\"", SearchQuery.parse("\"lunch plans\" today").fts5());
        assertEquals("('lunch' <-> 'plans') & ('today')", SearchQuery.parse("\"lunch plans\" today").tsquery());
        assertEquals(SearchQuery.MAX_TERMS, SearchQuery.parse("a b c d e f g h i j k l m").terms().size());
    }

    @Test
    void highlightsAreTheOriginalWordsWhereverTheirFoldedFormMatches() {
        String text = "Rendez-vous au CAFÉ, مُحَمَّد!";
        List<int[]> spans = SearchQuery.parse("cafe محمد").highlights(text);
        assertEquals(List.of("CAFÉ", "مُحَمَّد"), spans.stream().map(s -> text.substring(s[0], s[1])).toList());
    }
}

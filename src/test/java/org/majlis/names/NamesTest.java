package org.majlis.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.Normalizer;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ahmed", "أحمد", "محمد_علي", "Ödön", "李小龙", "नमस्ते", "a", "sara.k-2", "9lives", "Ελένη"})
    void lettersAndDigitsOfAnyScriptAreValid(String name) {
        assertEquals(name, Names.normalizeUsername(name));
    }

    @Test
    void asciiNamesAreJudgedAsTheUnicodeRulesJudgeThem() {
        for (char c = 0; c < 0x80; c++) {
            for (String name : new String[] {String.valueOf(c), c + "a", "a" + c, "a" + c + "1", "ab".repeat(15) + c, "ab".repeat(16) + c}) {
                assertEquals(Names.normalizeUnicode(name), Names.normalize(name), "U+" + Integer.toHexString(c) + " in " + name);
            }
        }
    }

    @Test
    void thirtyTwoCharactersAreTheMost() {
        assertEquals("a".repeat(32), Names.normalizeUsername("a".repeat(32)));
        assertNull(Names.normalizeUsername("a".repeat(33)));
        assertEquals("ب".repeat(32), Names.normalizeUsername("ب".repeat(32)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "with space", "tab\tname", "new\nline", "_under", "-dash", ".dot", "zero\u200Bwidth",
            "join\u200Dme", "rtl\u202Eevil", "iso\u2066late", "bell\u0007", "emoji😀", "semi;colon", "at@sign", "\u0301accent"})
    void everythingElseIsInvalid(String name) {
        assertNull(Names.normalizeUsername(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"system", "server", "admin", "general", "Admin", "SYSTEM", "General"})
    void reservedNamesAreRefusedInAnyCase(String name) {
        assertNull(Names.normalizeUsername(name));
    }

    @Test
    void generalIsAValidRoomName() {
        assertEquals("general", Names.normalize("general"));
    }

    @Test
    void namesAreNormalizedToNfc() {
        String decomposed = "Jose\u0301";
        assertEquals("José", Names.normalizeUsername(decomposed));
    }

    @Test
    void uniquenessIgnoresCaseAcrossScripts() {
        assertEquals(Names.key("Sara"), Names.key("sARA"));
        assertEquals(Names.key("straße"), Names.key("STRASSE"));
        assertEquals(Names.key("ΣΟΦΙΑ"), Names.key("σοφια"));
        assertEquals(Names.key("José"), Names.key(Names.normalizeUsername("JOSE\u0301")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u034Fb", "ab\uFE0F", "ab\uFE00", "ab\uDB40\uDD00", "ab\uDB40\uDDEF", "ab\u17B4", "ab\u17B5",
            "a\u115Fb", "a\u1160b", "a\u3164b", "a\uFFA0b", "\u3164", "\u115F", "\uFFA0", "\u3164\u3164", "ab\u180B",
            "ab\u00AD", "ab\u061C", "ab\uFEFF", "ab\uDB40\uDC20", "\uFDFA", "a\uFE70"})
    void invisibleCharactersAndCompatibilityFormsThatHideThemAreInvalid(String name) {
        assertNull(Names.normalize(name));
        assertNull(Names.normalizeUsername(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFF41\uFF44\uFF4D\uFF49\uFF4E", "\uFF21\uFF24\uFF2D\uFF29\uFF2E", "\uD835\uDC1A\uD835\uDC1D\uD835\uDC26\uD835\uDC22\uD835\uDC27",
            "\u0430dmin", "\u0410DMIN", "adm\u0456n", "\u0391DMIN", "adm\u0130n", "ADM\u0130N", "adm\u0131n", "SYST\u0395M",
            "\u0455ystem", "s\u0443stem", "gener\u0430l", "gen\u0435ra1", "\u0455erver"})
    void reservedNamesAreRefusedInLookalikeForms(String name) {
        assertNull(Names.normalizeUsername(name), name);
    }

    @Test
    void compatibilityFormsShareTheKeyOfThePlainName() {
        assertEquals("admin", Names.key("\uFF41\uFF44\uFF4D\uFF49\uFF4E"));
        assertEquals("admin", Names.key("\uD835\uDC1A\uD835\uDC1D\uD835\uDC26\uD835\uDC22\uD835\uDC27"));
        assertEquals(Names.key("sara"), Names.key("\uFF33\uFF21\uFF32\uFF21"));
        assertEquals(Names.key("office"), Names.key("o\uFB03ce"));
    }

    @Test
    void capitalSharpSFoldsLikeSmallSharpSAndSs() {
        assertEquals("strasse", Names.key("STRA\u1E9EE"));
        assertEquals(Names.key("stra\u00DFe"), Names.key("STRA\u1E9EE"));
        assertEquals(Names.key("STRASSE"), Names.key("Stra\u1E9Ee"));
    }

    @Test
    void dottedCapitalIFoldsToIWithADotAboveWhicheverWayItIsWritten() {
        assertEquals("i\u0307", Names.key("\u0130"));
        assertEquals(Names.key("\u0130"), Names.key("I\u0307"));
        assertEquals(Names.key("\u0130"), Names.key("i\u0307"));
        assertEquals(Names.key(Names.normalize("ADM\u0130N")), Names.key(Names.normalize("adm\u0130n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ahmed", "Sara", "sara.k-2", "9lives", "أحمد", "محمد_علي", "李小龙", "नमस्ते", "Ödön", "José", "Ελένη", "Иван",
            "ΣΟΦΙΑΣ", "straße", "İstanbul", "ıi"})
    void keysOfNamesThatCompatibilityFormsDoNotChangeAreWhatTheyWere(String name) {
        String before = Normalizer.normalize(name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        assertEquals(before, Names.key(name));
    }

    @ParameterizedTest
    @CsvSource({"paypal, \u0440\u0430\u0443\u0440\u0430l", "Hans, \u0397ans", "Hans, \u041Dans", "google, g00gle", "paul, pau1",
            "Tom, \u03A4\u039F\u039C", "modern, rnodern", "\u0130lker, ilker", "Ivan, \u0406van"})
    void lookalikesShareASkeleton(String name, String lookalike) {
        assertEquals(Names.skeleton(name), Names.skeleton(lookalike));
    }

    @ParameterizedTest
    @CsvSource({"sara, sera", "Иван, ivan", "أحمد, احمد", "José, Jose"})
    void differentLookingNamesKeepDifferentSkeletons(String name, String other) {
        assertNotEquals(Names.skeleton(name), Names.skeleton(other));
    }
}

package org.majlis.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ahmed", "أحمد", "محمد_علي", "Ödön", "李小龙", "नमस्ते", "a", "sara.k-2", "9lives", "Ελένη"})
    void lettersAndDigitsOfAnyScriptAreValid(String name) {
        assertEquals(name, Names.normalizeUsername(name));
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
}

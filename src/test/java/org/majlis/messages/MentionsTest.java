package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void namesAfterAnAtSignThatStartsAWord() {
        assertEquals(List.of("sara", "omar"), Mentions.of("@sara, ask @omar."));
        assertEquals(List.of("سارة"), Mentions.of("شكرا @سارة!"));
        assertEquals(List.of("ahmed.b"), Mentions.of("(@ahmed.b) is here"));
        assertEquals(List.of("sara"), Mentions.of("@@sara"));
    }

    @Test
    void addressesReservedNamesAndBareSignsMentionNobody() {
        assertNull(Mentions.of("write to sara@example.org"));
        assertNull(Mentions.of("@admin @general @ @. @-"));
        assertNull(Mentions.of("no sign at all"));
        assertNull(Mentions.of(""));
    }

    @Test
    void eachNameOnceAsNamesCompareAndAtMostTwenty() {
        assertEquals(List.of("Sara"), Mentions.of("@Sara @sara @ＳＡＲＡ"));
        String crowd = IntStream.range(0, 30).mapToObj(i -> "@user" + i).collect(Collectors.joining(" "));
        assertEquals(Mentions.MAX, Mentions.of(crowd).size());
    }
}

package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A journal record's rows come back as they went in, whatever script their strings are in. */
class JournalRowsTest {

    private static List<Object[]> roundTrip(List<Object[]> rows) {
        ByteBuffer encoded = JournalRows.encode(rows);
        byte[] payload = new byte[encoded.remaining()];
        encoded.get(payload);
        return JournalRows.decode(payload);
    }

    @Test
    void stringsOfEveryScriptLongsAndNullsComeBackAsTheyWere() {
        StringBuilder everyAscii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            everyAscii.append(c);
        }
        List<Object[]> rows = List.of(
                new Object[] {"m_01jxyz", "hello", 42L, null, ""},
                new Object[] {"مرحبا", "Café 👍", -1L, everyAscii.toString(), "\u007f\u0080"},
                new Object[] {});
        List<Object[]> back = roundTrip(rows);
        assertEquals(rows.size(), back.size());
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(rows.get(i), back.get(i), "row " + i);
        }
    }

    @Test
    void noRowsIsARecordToo() {
        assertEquals(List.of(), roundTrip(new ArrayList<>()));
    }

    @Test
    void onlyStringsLongsAndNullsAreKept() {
        assertThrows(IllegalArgumentException.class, () -> JournalRows.encode(List.<Object[]>of(new Object[] {1})));
    }
}

package org.majlis.messages;

import static org.majlis.names.Ascii.isAscii;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A journal record's payload: rows of strings, longs and nulls, as the message insert takes them. */
final class JournalRows {

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte NUMBER = 2;

    private JournalRows() {
    }

    /**
     * The rows in one buffer, ready to be written. ASCII strings (ids, names, most messages) are
     * their own UTF-8 and are copied in as they are; the others are encoded once, no copy after.
     */
    static ByteBuffer encode(List<Object[]> rows) {
        // per string, in order: its UTF-8, or null when it is ASCII
        List<byte[]> texts = new ArrayList<>(rows.isEmpty() ? 0 : rows.size() * rows.getFirst().length);
        int size = Integer.BYTES;
        for (Object[] row : rows) {
            size += Short.BYTES + row.length;
            for (Object value : row) {
                switch (value) {
                    case null -> {
                    }
                    case String text -> {
                        byte[] utf8 = isAscii(text) ? null : text.getBytes(StandardCharsets.UTF_8);
                        texts.add(utf8);
                        size += Integer.BYTES + (utf8 == null ? text.length() : utf8.length);
                    }
                    case Long number -> size += Long.BYTES;
                    default -> throw new IllegalArgumentException("a journal row holds strings, longs and nulls, not " + value.getClass());
                }
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(rows.size());
        int text = 0;
        for (Object[] row : rows) {
            out.putShort((short) row.length);
            for (Object value : row) {
                switch (value) {
                    case null -> out.put(NULL);
                    case String string -> putText(out, string, texts.get(text++));
                    case Long number -> out.put(NUMBER).putLong(number);
                    default -> throw new IllegalStateException(); // refused in the first pass
                }
            }
        }
        return out.flip();
    }

    private static void putText(ByteBuffer out, String string, byte[] utf8) {
        if (utf8 != null) {
            out.put(TEXT).putInt(utf8.length).put(utf8);
            return;
        }
        out.put(TEXT).putInt(string.length());
        for (int i = 0; i < string.length(); i++) {
            out.put((byte) string.charAt(i));
        }
    }

    static List<Object[]> decode(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            int count = in.getInt();
            List<Object[]> rows = new ArrayList<>(count);
            for (int r = 0; r < count; r++) {
                Object[] row = new Object[in.getShort()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = switch (in.get()) {
                        case NULL -> null;
                        case TEXT -> {
                            byte[] utf8 = new byte[in.getInt()];
                            in.get(utf8);
                            yield new String(utf8, StandardCharsets.UTF_8);
                        }
                        case NUMBER -> in.getLong();
                        default -> throw new IllegalStateException("unknown value tag in a journal record");
                    };
                }
                rows.add(row);
            }
            return rows;
        } catch (BufferUnderflowException | IllegalStateException | NegativeArraySizeException e) {
            throw new IllegalStateException("a journal record that passed its checksum does not decode", e);
        }
    }
}

package org.majlis.messages;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    static byte[] encode(List<Object[]> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * rows.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(rows.size());
            for (Object[] row : rows) {
                out.writeShort(row.length);
                for (Object value : row) {
                    switch (value) {
                        case null -> out.writeByte(NULL);
                        case String text -> {
                            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                            out.writeByte(TEXT);
                            out.writeInt(utf8.length);
                            out.write(utf8);
                        }
                        case Long number -> {
                            out.writeByte(NUMBER);
                            out.writeLong(number);
                        }
                        default -> throw new IllegalArgumentException("a journal row holds strings, longs and nulls, not " + value.getClass());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        return bytes.toByteArray();
    }

    static List<Object[]> decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int count = in.readInt();
            List<Object[]> rows = new ArrayList<>(count);
            for (int r = 0; r < count; r++) {
                Object[] row = new Object[in.readShort()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = switch (in.readByte()) {
                        case NULL -> null;
                        case TEXT -> new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                        case NUMBER -> in.readLong();
                        default -> throw new IOException("unknown value tag in a journal record");
                    };
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("a journal record that passed its checksum does not decode", e);
        }
    }
}

package org.majlis.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a file is served as. Only images whose bytes say so are shown inline; a declared type is
 * kept for everything else, which is always downloaded as an attachment.
 */
public final class ContentTypes {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String GIF = "image/gif";
    static final String WEBP = "image/webp";
    static final String OCTET_STREAM = "application/octet-stream";
    private static final Set<String> INLINE = Set.of(PNG, JPEG, GIF, WEBP);
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");

    private ContentTypes() {
    }

    /** The type to store: the image type the bytes show, else the declared type unless it claims an image. */
    static String of(Path file, String declared) throws IOException {
        String image = imageType(head(file));
        if (image != null) {
            return image;
        }
        String type = declared == null ? "" : declared.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return MEDIA_TYPE.matcher(type).matches() && !INLINE.contains(type) ? type : OCTET_STREAM;
    }

    static boolean inline(String contentType) {
        return INLINE.contains(contentType);
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(12);
        }
    }

    /** The image type the first bytes (12 are enough) show, or null. */
    public static String imageType(byte[] head) {
        if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return PNG;
        }
        if (startsWith(head, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return JPEG;
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return GIF;
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return WEBP;
        }
        return null;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}

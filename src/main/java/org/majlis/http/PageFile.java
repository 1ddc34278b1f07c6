package org.majlis.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One file of the web page, ready to serve: its bytes, a gzip copy when that is smaller, and a
 * strong entity tag per variant, so that a browser revalidates with one small request and gets
 * {@code 304} until the file changes.
 */
record PageFile(String contentType, byte[] identity, byte[] gzip, String tag) {

    /** The page's text types; anything else (images, say) is left to Quarkus' static handler. */
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "json", "application/json");

    static Optional<String> contentTypeOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < path.lastIndexOf('/') ? Optional.empty() : Optional.ofNullable(TYPES.get(path.substring(dot + 1)));
    }

    static PageFile of(String contentType, byte[] bytes) {
        byte[] gzip = gzip(bytes);
        return new PageFile(contentType, bytes, gzip.length < bytes.length ? gzip : null, "\"" + digest(bytes) + "\"");
    }

    boolean hasGzip() {
        return gzip != null;
    }

    /** The tag of a variant: the gzip copy is another representation, so it has its own tag. */
    String tag(boolean gzipped) {
        return gzipped ? tag.substring(0, tag.length() - 1) + "-gz\"" : tag;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

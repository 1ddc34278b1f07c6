package org.majlis.http;

import java.util.Locale;

/** The two request headers the page's files answer to: {@code Accept-Encoding} and {@code If-None-Match}. */
final class Negotiation {

    private Negotiation() {
    }

    /** Whether {@code Accept-Encoding} names gzip (or {@code *}) without {@code q=0}. */
    static boolean allowsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if ((coding.equals("gzip") || coding.equals("*")) && !refused(parts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim().replace(" ", "");
            if (parameter.startsWith("q=")) {
                return parameter.substring(2).matches("0(\\.0*)?");
            }
        }
        return false;
    }

    /** Whether {@code If-None-Match} lists {@code tag} (weak comparison, as RFC 9110 asks) or is {@code *}. */
    static boolean matchesAny(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(tag)) {
                return true;
            }
        }
        return false;
    }
}

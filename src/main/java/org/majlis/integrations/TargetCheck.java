package org.majlis.integrations;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Whether an outgoing URL may be called: http or https, a host and no credentials in it; and,
 * unless private targets are allowed, every address of the host public, so that a room owner
 * cannot make the server call its own network (SSRF): no loopback, private (RFC 1918, IPv6
 * unique local), link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified
 * or multicast address. Blocking (name resolution).
 */
final class TargetCheck {

    /** Why a URL is refused, said to the room's manager. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    static final int MAX_URL_LENGTH = 2000;

    private TargetCheck() {
    }

    /** The URL, checked; the host's addresses are resolved now (and again before each delivery). */
    static URI check(String url, boolean allowPrivate) throws Refused {
        if (url == null || url.length() > MAX_URL_LENGTH) {
            throw new Refused("url: an http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("url: not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("url: only http and https URLs");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("url: a host is required; no user name, password or fragment");
        }
        if (!allowPrivate) {
            requirePublic(uri.getHost());
        }
        return uri;
    }

    private static void requirePublic(String host) throws Refused {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("url: the host " + host + " is unknown");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new Refused("url: " + host + " is a loopback, private or link-local address, which outgoing events may not reach");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // this network; carrier-grade NAT
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) && first < 240; // benchmarking; reserved
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) { // unique local fc00::/7
                return false;
            }
            if (isMappedIpv4(bytes)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return false;
                }
            }
        }
        return true;
    }

    /** ::ffff:a.b.c.d, which reaches the IPv4 address a.b.c.d. */
    private static boolean isMappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}

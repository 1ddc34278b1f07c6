package org.majlis.limits;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}; a
 * single address is its own block). Only literal addresses: never a host name to look up.
 */
public record AddressRange(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** The range, or null when the text is not an IPv4 or IPv6 address with an optional prefix length. */
    public static AddressRange parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.strip().split("/", -1);
        byte[] address = parts.length > 2 ? null : literal(parts[0]);
        if (address == null) {
            return null;
        }
        int prefix = address.length * 8;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > address.length * 8) {
                return null;
            }
        }
        return new AddressRange(masked(address, prefix), prefix);
    }

    /** Whether the address (as {@link ClientAddress} gives it) is in the range. */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    /** The range as written canonically: {@code 203.0.113.0/24}. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The bytes of a literal IPv4 or IPv6 address, or null: anything else would be looked up as a host name. */
    private static byte[] literal(String text) {
        if (text == null || text.length() > 45 || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] masked(byte[] address, int prefix) {
        BigInteger value = new BigInteger(1, address);
        int bits = address.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
        byte[] raw = value.and(mask).toByteArray();
        byte[] out = new byte[address.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }
}

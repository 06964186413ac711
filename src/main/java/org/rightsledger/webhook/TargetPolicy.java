package org.rightsledger.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where webhooks may be sent: http(s) URLs whose host resolves only to public addresses. A
 * partner's URL must not turn the service into a proxy into its own network (loopback, private
 * ranges, link-local and the cloud metadata endpoints, CGNAT, unique-local IPv6, and IPv6 forms
 * that embed such an IPv4 address). Checked when a webhook is created and again before every
 * delivery, on the addresses the delivery then connects to (DNS rebinding).
 * {@code allowPrivate} (tests, closed networks) lifts the address rules, never the URL rules.
 */
public final class TargetPolicy {

    static final int MAX_URL_LENGTH = 2048;

    /** Resolves a host name: the system resolver in production, swappable in unit tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a target is refused; the message is for the partner. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public TargetPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public static TargetPolicy system(boolean allowPrivate) {
        return new TargetPolicy(allowPrivate, InetAddress::getAllByName);
    }

    /** The URL, parsed, when it is one webhooks may be sent to. */
    public URI url(String url) throws Refused {
        if (url.length() > MAX_URL_LENGTH) {
            throw new Refused("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("must be an http or https URL");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("must name a host (and, if any, a port from 1 to 65535)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials (user:password@); verify the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment (#…)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new Refused("must name a port from 1 to 65535");
        }
        return uri;
    }

    /** The addresses of the URL's host, when every one of them may be connected to. */
    public InetAddress[] addresses(String host) throws Refused {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("host '" + host + "' does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("host '" + host + "' does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                String why = notPublic(address);
                if (why != null) {
                    throw new Refused("host '" + host + "' resolves to " + address.getHostAddress() + ", " + why
                            + "; webhooks go to public addresses only");
                }
            }
        }
        return addresses;
    }

    /** Both checks: the URL and the addresses of its host. */
    public URI check(String url) throws Refused {
        URI uri = url(url);
        addresses(host(uri));
        return uri;
    }

    /** The host as a resolver takes it (an IPv6 literal without its brackets). */
    static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private record Block(byte[] prefix, int bits, String why) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Block block(String cidr, String why) {
        String[] parts = cidr.split("/");
        try {
            return new Block(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), why);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    /** Special-purpose ranges (IANA registries for IPv4 and IPv6) that are not the public internet. */
    private static final List<Block> REFUSED = List.of(
            block("0.0.0.0/8", "a 'this network' address"),
            block("10.0.0.0/8", "a private address"),
            block("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address (cloud metadata lives at 169.254.169.254)"),
            block("172.16.0.0/12", "a private address"),
            block("192.0.0.0/24", "an IETF protocol assignment"),
            block("192.0.2.0/24", "a documentation address"),
            block("192.168.0.0/16", "a private address"),
            block("198.18.0.0/15", "a benchmarking address"),
            block("198.51.100.0/24", "a documentation address"),
            block("203.0.113.0/24", "a documentation address"),
            block("224.0.0.0/4", "a multicast address"),
            block("240.0.0.0/4", "a reserved address"),
            block("::/128", "the unspecified address"),
            block("::1/128", "a loopback address"),
            block("100::/64", "a discard-only address"),
            block("2001::/23", "an IETF protocol assignment (Teredo and others)"),
            block("2001:db8::/32", "a documentation address"),
            block("fc00::/7", "a unique-local address (cloud metadata lives at fd00:ec2::254)"),
            block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a site-local address"),
            block("ff00::/8", "a multicast address"));

    /** Why an address is not a public one, or null when it is. */
    static String notPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                try {
                    String why = notPublic(InetAddress.getByAddress(embedded));
                    return why == null ? null : "which embeds " + InetAddress.getByAddress(embedded).getHostAddress()
                            + ", " + why;
                } catch (UnknownHostException e) {
                    return "an address that cannot be checked";
                }
            }
        } else if (!(address instanceof Inet4Address)) {
            return "an address that cannot be checked";
        }
        for (Block block : REFUSED) {
            if (block.contains(bytes)) {
                return block.why();
            }
        }
        return null;
    }

    /**
     * The IPv4 address an IPv6 address stands for, if it stands for one: IPv4-mapped
     * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
     */
    private static byte[] embeddedIpv4(byte[] v6) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= v6[i] == 0;
        }
        boolean mapped = zeroPrefix && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && v6[10] == 0 && v6[11] == 0 && !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0);
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 &= v6[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return new byte[] { v6[12], v6[13], v6[14], v6[15] };
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return new byte[] { v6[2], v6[3], v6[4], v6[5] };
        }
        return null;
    }
}

package io.mailfleet.dns;

import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Builds dnsjava resolvers from {@code host:port} lists. */
public final class DnsServers {

    private DnsServers() {
    }

    /** Parses {@code host[:port]} and {@code [v6]:port}; a missing port means 53. */
    public static InetSocketAddress parse(String server) {
        String value = server.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty DNS server address");
        }
        String host = value;
        int port = 53;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("unclosed [ in DNS server address: " + value);
            }
            host = value.substring(1, end);
            if (value.length() > end + 1) {
                if (value.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("expected :port after ] in " + value);
                }
                port = port(value.substring(end + 2), value);
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = port(value.substring(value.indexOf(':') + 1), value);
        }
        return new InetSocketAddress(host, port);
    }

    private static int port(String text, String whole) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("DNS server port out of range in " + whole);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DNS server port is not a number in " + whole, e);
        }
    }

    /** A resolver that asks the given servers in turn, with the given timeout per query. */
    public static Resolver resolver(List<String> servers, Duration timeout) {
        if (servers.isEmpty()) {
            ExtendedResolver system = new ExtendedResolver();
            system.setTimeout(timeout);
            return system;
        }
        ExtendedResolver resolver = new ExtendedResolver(servers.stream().map(server -> {
            SimpleResolver simple = new SimpleResolver(parse(server));
            simple.setTimeout(timeout);
            return (Resolver) simple;
        }).toList());
        resolver.setTimeout(timeout);
        resolver.setRetries(1);
        return resolver;
    }
}

package io.mailfleet.spam.dns;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real DNS server on loopback as the service's MAILFLEET_DNS_SERVERS; tests publish the records they need. */
public class TestDnsResource implements QuarkusTestResourceLifecycleManager {

    private static TestDnsServer server;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (server == null) {
                server = new TestDnsServer();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the blocklist zones the tests publish (ReputationTest); every other client IP is simply not listed
        return Map.of("mailfleet.dns.servers", server.address(), "mailfleet.dns.timeout", "500ms",
                "mailfleet.spam.dnsbl.ip-zones", "bl.test,deadbl.test",
                "mailfleet.spam.dnsbl.domain-zones", "dbl.test",
                "mailfleet.spam.dnsbl.timeout", "1s");
    }

    @Override
    public void stop() {
        // kept for the JVM: Quarkus restarts between test classes reuse it
    }

    public static TestDnsServer server() {
        return server;
    }

    public static void txt(String name, String text) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            chunks.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        try {
            server.add(new TXTRecord(Name.fromString(name.endsWith(".") ? name : name + "."), DClass.IN, 300, chunks));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

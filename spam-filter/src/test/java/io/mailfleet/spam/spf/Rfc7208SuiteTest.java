package io.mailfleet.spam.spf;

import com.google.common.net.InetAddresses;
import io.mailfleet.dns.DnsServers;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.TestDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The RFC 7208 test suite (openspf.org, release 2014.04) as Debian's python3-spf ships it: every section's zone data is served
 * by a real DNS server on loopback and every case runs through {@link SpfChecker}.
 */
class Rfc7208SuiteTest {

    static final Path SUITE = Path.of("/usr/share/doc/python3-spf/rfc7208-tests.yml.gz");
    private static final Duration DNS_TIMEOUT = Duration.ofMillis(300);
    private static final List<TestDnsServer> SERVERS = new ArrayList<>();

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() throws IOException {
        if (!Files.isReadable(SUITE)) {
            fail(SUITE + " is missing: install the Debian package python3-spf (.ci/run installs it)");
        }
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SUITE))) {
            LoaderOptions options = new LoaderOptions();
            for (Object document : new Yaml(options).loadAll(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                Map<String, Object> section = (Map<String, Object>) document;
                TestDnsServer server = zone((Map<String, List<Object>>) section.get("zonedata"));
                SERVERS.add(server);
                String description = (String) section.get("description");
                ((Map<String, Map<String, Object>>) section.get("tests")).forEach((name, spec) ->
                        cases.add(Arguments.of(description + ": " + name, spec, server)));
            }
        }
        return cases.stream();
    }

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(TestDnsServer::close);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("cases")
    void suiteCase(String name, Map<String, Object> spec, TestDnsServer server) {
        SpfChecker checker = new SpfChecker(new DnsLookup(DnsServers.resolver(List.of(server.address()), DNS_TIMEOUT)), "receiver.example.org");
        SpfOutcome outcome = checker.checkMailFrom(InetAddresses.forString((String) spec.get("host")),
                String.valueOf(spec.get("mailfrom")), String.valueOf(spec.get("helo"))).await().atMost(Duration.ofSeconds(20));
        List<String> expected = spec.get("result") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(spec.get("result")));
        assertTrue(expected.contains(outcome.result().token()),
                name + ": expected " + expected + " but got " + outcome.result().token() + " (" + outcome.reason() + ")");
        Object explanation = spec.get("explanation");
        if (explanation != null && !"DEFAULT".equals(explanation) && outcome.result() == SpfResult.FAIL) {
            assertEquals(explanation, outcome.explanation(), name + ": explanation");
        }
    }

    /** The suite's zone data; "SPF" entries are served as TXT too unless the name lists TXT itself (the suite's convention). */
    @SuppressWarnings("unchecked")
    private static TestDnsServer zone(Map<String, List<Object>> zoneData) throws IOException {
        TestDnsServer server = new TestDnsServer();
        if (zoneData == null) {
            return server;
        }
        for (var entry : zoneData.entrySet()) {
            Name name = Name.fromString(entry.getKey().endsWith(".") ? entry.getKey() : entry.getKey() + ".");
            boolean listsTxt = entry.getValue().stream().anyMatch(e -> e instanceof Map<?, ?> m && m.containsKey("TXT"));
            for (Object item : entry.getValue()) {
                if ("TIMEOUT".equals(item)) {
                    server.timeout(name);
                    continue;
                }
                for (var record : ((Map<String, Object>) item).entrySet()) {
                    String type = record.getKey();
                    Object value = record.getValue();
                    if ((type.equals("TXT") || type.equals("SPF")) && "NONE".equals(value)) {
                        continue;
                    }
                    switch (type) {
                        case "SPF" -> {
                            server.add(text(name, Type.SPF, value));
                            if (!listsTxt) {
                                server.add(text(name, Type.TXT, value));
                            }
                        }
                        case "TXT" -> server.add(text(name, Type.TXT, value));
                        case "MX" -> {
                            List<Object> mx = (List<Object>) value;
                            server.add(Record.fromString(name, Type.MX, DClass.IN, 300, mx.get(0) + " " + absolute(mx.get(1)), Name.root));
                        }
                        case "A", "AAAA" -> server.add(Record.fromString(name, Type.value(type), DClass.IN, 300, String.valueOf(value), Name.root));
                        case "PTR", "CNAME" -> server.add(Record.fromString(name, Type.value(type), DClass.IN, 300, absolute(value), Name.root));
                        default -> throw new IllegalArgumentException("unknown record type " + type + " in the suite");
                    }
                }
            }
        }
        return server;
    }

    private static String absolute(Object name) {
        String text = String.valueOf(name);
        return text.endsWith(".") ? text : text + ".";
    }

    /** TXT/SPF rdata built from raw octets: the suite has non-ASCII policies that must reach the checker unaltered. */
    private static Record text(Name name, int type, Object value) throws IOException {
        List<String> strings = value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        for (String s : strings) {
            byte[] octets = octets(s);
            for (int offset = 0; offset < octets.length || offset == 0; offset += 255) {
                int length = Math.min(255, octets.length - offset);
                rdata.write(length);
                rdata.write(octets, offset, length);
                if (octets.length == 0) {
                    break;
                }
            }
        }
        return Record.newRecord(name, type, DClass.IN, 300, rdata.toByteArray());
    }

    /** YAML's \xNN escapes arrive as code points below 256: they stand for those octets. */
    private static byte[] octets(String s) {
        return s.chars().allMatch(c -> c < 256) ? s.getBytes(StandardCharsets.ISO_8859_1) : s.getBytes(StandardCharsets.UTF_8);
    }

}

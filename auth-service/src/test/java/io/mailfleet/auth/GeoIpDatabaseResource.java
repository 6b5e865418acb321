package io.mailfleet.auth;

import io.mailfleet.auth.geoip.TestMmdb;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small combined country + ASN MaxMind DB written for this test JVM (no real GeoIP data can be shipped), so
 * the service runs with {@code mailfleet.geoip.databases} set. Only 100.64.1–3.0/24 and 2001:db8:100::/48 are in it.
 */
public class GeoIpDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private Path file;

    private static Map<String, Object> origin(String country, int asn) {
        return Map.of("country", Map.of("iso_code", country), "autonomous_system_number", asn);
    }

    @Override
    public Map<String, String> start() {
        try {
            file = Files.createTempFile("mailfleet-geoip-", ".mmdb");
            Files.write(file, TestMmdb.build("Mailfleet-Test-Country-ASN", List.of(
                    new TestMmdb.Network("100.64.1.0", 24, origin("DE", 64500)),
                    new TestMmdb.Network("100.64.2.0", 24, origin("DE", 64501)),
                    new TestMmdb.Network("100.64.3.0", 24, origin("FR", 64502)),
                    new TestMmdb.Network("2001:db8:100::", 48, origin("FR", 64502)))));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the test GeoIP database", e);
        }
        return Map.of("mailfleet.geoip.databases", file.toString());
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

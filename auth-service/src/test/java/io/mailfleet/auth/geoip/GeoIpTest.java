package io.mailfleet.auth.geoip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GeoIp against MaxMind DB files written by {@link TestMmdb}, read by MaxMind's own reader. */
class GeoIpTest {

    @TempDir
    Path dir;

    private GeoIp geoIp(Path... databases) {
        GeoIpConfig config = () -> Optional.of(List.of(databases));
        return new GeoIp(config);
    }

    @Test
    void countryAndAsnComeFromSeparateDatabasesLikeGeoLite2() throws Exception {
        Path country = dir.resolve("country.mmdb");
        Files.write(country, TestMmdb.build("GeoLite2-Country", List.of(
                new TestMmdb.Network("198.51.100.0", 24, Map.of("country", Map.of("iso_code", "DE"))),
                new TestMmdb.Network("2001:db8:1::", 48, Map.of("country", Map.of("iso_code", "NL"))))));
        Path asn = dir.resolve("asn.mmdb");
        Files.write(asn, TestMmdb.build("GeoLite2-ASN", List.of(
                new TestMmdb.Network("198.51.100.0", 25, Map.of("autonomous_system_number", 64500,
                        "autonomous_system_organization", "Example Net")))));
        GeoIp geoIp = geoIp(country, asn);

        assertTrue(geoIp.enabled());
        assertEquals(new Origin("DE", 64500L), geoIp.lookup("198.51.100.7"));
        assertEquals(new Origin("DE", null), geoIp.lookup("198.51.100.200"), "outside the ASN /25");
        assertEquals(new Origin("NL", null), geoIp.lookup("2001:db8:1:ff::1"));
        assertEquals(new Origin("DE", 64500L), geoIp.lookup("::ffff:198.51.100.7"));
        assertEquals(Origin.UNKNOWN, geoIp.lookup("203.0.113.1"));
        assertEquals(Origin.UNKNOWN, geoIp.lookup("not-an-ip"));
        assertEquals(Origin.UNKNOWN, geoIp.lookup(null));
        geoIp.close();
    }

    @Test
    void withoutDatabasesNothingIsKnownAndABadPathStopsTheStart() {
        GeoIp off = new GeoIp(Optional::empty);
        assertFalse(off.enabled());
        assertEquals(Origin.UNKNOWN, off.lookup("198.51.100.7"));
        assertThrows(java.io.UncheckedIOException.class, () -> geoIp(dir.resolve("missing.mmdb")));
    }
}

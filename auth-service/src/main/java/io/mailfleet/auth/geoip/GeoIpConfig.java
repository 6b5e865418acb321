package io.mailfleet.auth.geoip;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code mailfleet.geoip.*}. {@code databases} (env {@code MAILFLEET_GEOIP_DB}, comma-separated) are MaxMind DB
 * files ({@code .mmdb}): a country or city database (GeoLite2/GeoIP2 or DB-IP lite schema, {@code country.iso_code})
 * and/or an ASN database ({@code autonomous_system_number}); one combined file works too. Unset: no GeoIP, and
 * unusual-login alerts only look at the number of client IPs.
 */
@ConfigMapping(prefix = "mailfleet.geoip")
public interface GeoIpConfig {

    Optional<List<Path>> databases();
}

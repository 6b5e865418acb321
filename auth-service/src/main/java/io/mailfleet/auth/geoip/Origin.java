package io.mailfleet.auth.geoip;

/**
 * Where a client IP is, as far as the GeoIP databases know: ISO 3166-1 country code and autonomous system
 * number, each null when unknown.
 */
public record Origin(String country, Long asn) {

    public static final Origin UNKNOWN = new Origin(null, null);
}

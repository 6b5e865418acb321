package io.mailfleet.auth.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import io.mailfleet.directory.Cidr;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Country and ASN of a client IP from local MaxMind DB files (MaxMind's reader, memory-mapped: a lookup is a
 * walk through mapped pages, no I/O wait worth a worker thread). A configured file that cannot be opened stops
 * the start: an operator who set {@code MAILFLEET_GEOIP_DB} expects the alerts it enables.
 */
@ApplicationScoped
public class GeoIp {

    private static final Logger LOG = Logger.getLogger(GeoIp.class);

    private final List<Reader> readers = new ArrayList<>();

    public GeoIp(GeoIpConfig config) {
        for (Path path : config.databases().orElse(List.of())) {
            try {
                Reader reader = new Reader(path.toFile(), new CHMCache());
                readers.add(reader);
                LOG.infof("GeoIP database %s (%s, built %s)", path, reader.getMetadata().getDatabaseType(),
                        reader.getMetadata().getBuildDate().toInstant());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the GeoIP database " + path + " (MAILFLEET_GEOIP_DB)", e);
            }
        }
    }

    public boolean enabled() {
        return !readers.isEmpty();
    }

    /** The first country and ASN any database knows for the literal IP; {@link Origin#UNKNOWN} otherwise. */
    public Origin lookup(String ip) {
        if (readers.isEmpty()) {
            return Origin.UNKNOWN;
        }
        InetAddress address = Cidr.literal(ip).orElse(null);
        if (address == null) {
            return Origin.UNKNOWN;
        }
        String country = null;
        Long asn = null;
        for (Reader reader : readers) {
            Map<?, ?> record = record(reader, address);
            if (record == null) {
                continue;
            }
            if (country == null && record.get("country") instanceof Map<?, ?> countryRecord
                    && countryRecord.get("iso_code") instanceof String code) {
                country = code;
            }
            if (asn == null && record.get("autonomous_system_number") instanceof Number number) {
                asn = number.longValue();
            }
        }
        return new Origin(country, asn);
    }

    private static Map<?, ?> record(Reader reader, InetAddress address) {
        try {
            return reader.get(address, Map.class);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: an IPv6 address asked of an IPv4-only database
            return null;
        }
    }

    @PreDestroy
    void close() {
        for (Reader reader : readers) {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.debugf("closing a GeoIP database: %s", e.getMessage());
            }
        }
    }
}

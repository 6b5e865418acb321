package io.mailfleet.dns;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code mailfleet.dns.*}; {@code MAILFLEET_DNS_SERVERS=host:port,host:port} picks the servers. */
@ConfigMapping(prefix = "mailfleet.dns")
public interface DnsConfig {

    /** host:port (port defaults to 53); empty means the system resolver configuration. */
    Optional<List<String>> servers();

    /** Per-query timeout: a dead DNS server must not stall a pipeline stage. */
    @WithDefault("2s")
    Duration timeout();
}

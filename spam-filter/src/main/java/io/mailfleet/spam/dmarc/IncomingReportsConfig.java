package io.mailfleet.spam.dmarc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code mailfleet.spam.dmarc-incoming-reports.*}: the bounds on aggregate reports other receivers send us. A report is
 * attacker-supplied data: its decompressed size and its record count are capped before anything is kept in memory.
 */
@ConfigMapping(prefix = "mailfleet.spam.dmarc-incoming-reports")
public interface IncomingReportsConfig {

    /** Most bytes of XML one report may decompress to (large senders' daily reports are a few MiB). */
    @WithDefault("33554432")
    int maxXmlBytes();

    /** Most {@code record} elements one report may hold. */
    @WithDefault("100000")
    int maxRecords();

    /** Most report attachments read from one message; the rest are skipped. */
    @WithDefault("4")
    int maxReportsPerMessage();

    /** How long a received report (with its records) is kept after the end of the period it covers. */
    @WithDefault("180d")
    Duration retention();
}

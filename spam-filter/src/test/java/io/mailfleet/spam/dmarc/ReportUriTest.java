package io.mailfleet.spam.dmarc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rua=/ruf= URIs with RFC 7489 §6.2/§6.4 size limits, and which destinations a report of a given size may go to. */
class ReportUriTest {

    private static final long KIB = 1024;

    @Test
    void addressWithoutLimit() {
        assertEquals(Optional.of(new ReportUri("agg@bank.example", ReportUri.UNLIMITED)), ReportUri.parse("mailto:agg@bank.example"));
        assertEquals("agg@bank.example", ReportUri.parse("MAILTO:agg@bank.example").orElseThrow().address());
    }

    @Test
    void sizesArePowersOfTwoAndUnitsAreCaseInsensitive() {
        assertEquals(500, limit("mailto:agg@bank.example!500"));
        assertEquals(10 * KIB, limit("mailto:agg@bank.example!10k"));
        assertEquals(10 * KIB * KIB, limit("mailto:agg@bank.example!10m"));
        assertEquals(10 * KIB * KIB, limit("mailto:agg@bank.example!10M"));
        assertEquals(2 * KIB * KIB * KIB, limit("mailto:agg@bank.example!2g"));
        assertEquals(3 * KIB * KIB * KIB * KIB, limit("mailto:agg@bank.example!3t"));
        assertEquals(0, limit("mailto:agg@bank.example!0"));
    }

    @Test
    void hugeLimitsMeanNoLimitInsteadOfOverflowing() {
        assertEquals(ReportUri.UNLIMITED, limit("mailto:agg@bank.example!9223372036854775807t"));
        // above a signed but within an unsigned 64-bit integer: still valid per §6.4
        assertEquals(ReportUri.UNLIMITED, limit("mailto:agg@bank.example!18446744073709551615"));
    }

    @Test
    void aUriWhoseSizeDoesNotParseIsIgnored() {
        for (String uri : List.of("mailto:agg@bank.example!", "mailto:agg@bank.example!10x", "mailto:agg@bank.example!m",
                "mailto:agg@bank.example!10mb", "mailto:agg@bank.example!-1", "mailto:agg@bank.example!1.5m",
                "mailto:agg@bank.example!18446744073709551616", "mailto:agg@bank.example!10m!20m")) {
            assertEquals(Optional.empty(), ReportUri.parse(uri), uri);
        }
    }

    @Test
    void otherSchemesAndBrokenAddressesAreIgnored() {
        assertEquals(Optional.empty(), ReportUri.parse("https://bank.example/reports"));
        assertEquals(Optional.empty(), ReportUri.parse("mailto:not-an-address"));
        assertEquals(Optional.empty(), ReportUri.parse("mailto:!10m"));
    }

    @Test
    void aReportGoesOnlyWhereItFits() {
        List<ReportUri> uris = List.of(new ReportUri("small@bank.example", KIB), new ReportUri("exact@bank.example", 2 * KIB),
                new ReportUri("any@bank.example", ReportUri.UNLIMITED));
        assertEquals(List.of("exact@bank.example", "any@bank.example"),
                ReportDestinations.accepting("bank.example", "dmarc-report", uris, 2 * KIB));
        assertEquals(List.of("small@bank.example", "exact@bank.example", "any@bank.example"),
                ReportDestinations.accepting("bank.example", "dmarc-report", uris, KIB));
        assertTrue(new ReportUri("a@bank.example", 10).accepts(10));
        assertFalse(new ReportUri("a@bank.example", 10).accepts(11));
    }

    private static long limit(String uri) {
        return ReportUri.parse(uri).orElseThrow(() -> new AssertionError(uri + " did not parse")).maxBytes();
    }
}

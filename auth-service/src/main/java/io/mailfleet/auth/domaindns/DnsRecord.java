package io.mailfleet.auth.domaindns;

/**
 * One record a domain must publish, as a zone file would write its data: MX {@code "10 mx.example."},
 * SRV {@code "0 1 587 mail.example."}, CNAME {@code "web.example."}, TXT the unquoted text.
 */
public record DnsRecord(String type, String name, String value) {
}

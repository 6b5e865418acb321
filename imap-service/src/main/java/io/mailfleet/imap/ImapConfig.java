package io.mailfleet.imap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code mailfleet.imap.*}: listeners, TLS and the limits that keep one session's memory and time bounded. */
@ConfigMapping(prefix = "mailfleet.imap")
public interface ImapConfig {

    /** Name in greetings and the generated certificate. */
    String hostname();

    String bindHost();

    /** IMAP with STARTTLS (production 143). */
    int imapPort();

    /** IMAP over implicit TLS (production 993). */
    int imapsPort();

    /** POP3 with STLS (production 110). */
    int pop3Port();

    /** POP3 over implicit TLS (production 995). */
    int pop3sPort();

    Tls tls();

    Limits limits();

    interface Tls {
        /** Quarkus TLS registry configuration holding the certificate; absent: a generated self-signed one. */
        @WithDefault("mail")
        String configuration();
    }

    interface Limits {
        /** Octets of one command line (between literals); longer lines end the connection with BYE. */
        @WithDefault("65536")
        int maxLineLength();

        /** Octets of one literal (APPEND message size); larger ones get NO [TOOBIG]. */
        @WithDefault("26214400")
        int maxLiteralSize();

        /** Octets of one whole command including all its literals (MULTIAPPEND). */
        @WithDefault("52428800")
        int maxCommandSize();

        /** Failed logins per connection before it is closed. */
        @WithDefault("3")
        int maxAuthFailures();

        /** Inactivity before an unauthenticated connection is closed. */
        @WithDefault("60s")
        Duration unauthenticatedTimeout();

        /** Inactivity before an authenticated IMAP connection is closed (RFC 9051: at least 30 minutes). */
        @WithDefault("30m")
        Duration authenticatedTimeout();

        /** Inactivity before a POP3 connection is closed (RFC 1939: at least 10 minutes). */
        @WithDefault("10m")
        Duration pop3Timeout();

        /** Octets of one POP3 command line (RFC 2449: 255 plus slack for AUTH PLAIN initial responses). */
        @WithDefault("2048")
        int pop3MaxLineLength();
    }
}

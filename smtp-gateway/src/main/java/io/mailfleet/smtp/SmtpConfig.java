package io.mailfleet.smtp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code mailfleet.smtp.*}: listeners, protocol limits and TLS of the gateway. */
@ConfigMapping(prefix = "mailfleet.smtp")
public interface SmtpConfig {

    /** The name the gateway greets with and puts in Received: headers. */
    String hostname();

    /**
     * Where {@code RCPT TO:<Postmaster>} without a domain goes (RFC 5321 4.1.1.3: every SMTP server must accept
     * it); a hosted address of the operator. Default {@code postmaster@}{@link #hostname()}.
     */
    Optional<String> postmaster();

    String bindHost();

    /** MX: mail from other MTAs for hosted domains (production 25). */
    int mxPort();

    /** Submission with STARTTLS (production 587). */
    int submissionPort();

    /** Submission over implicit TLS (production 465). */
    int smtpsPort();

    Limits limits();

    Tls tls();

    Policy policy();

    interface Limits {

        /** Longest command line in octets including CRLF (RFC 5321 4.5.3.1.4: at least 512; 1000 like text lines). */
        @WithDefault("1000")
        int maxLineLength();

        /** Largest message (SIZE, RFC 1870); must fit the Kafka record limits (io.mailfleet.events.KafkaLimits). */
        @WithDefault("26214400")
        long maxMessageSize();

        /** Recipients per transaction; more get 452 4.5.3 (RFC 5321 4.5.3.1.8: at least 100). */
        @WithDefault("100")
        int maxRecipients();

        /** Unknown or malformed commands before the session is ended with 421. */
        @WithDefault("10")
        int maxBadCommands();

        /** Idle time allowed while waiting for a command (RFC 5321 4.5.3.2.7: at least 5 minutes). */
        @WithDefault("5m")
        Duration commandTimeout();

        /** Idle time allowed between data blocks of DATA/BDAT (RFC 5321 4.5.3.2.6: at least 3 minutes). */
        @WithDefault("10m")
        Duration dataTimeout();

        /**
         * How long the MX listener waits before its greeting; a client that sends anything in that time
         * is an early talker (typical of spam bots) and refused. 0 disables the check.
         */
        @WithDefault("1s")
        Duration greetingDelay();

        /** Upper bound for the broker's acknowledgement of an accepted message before answering 451. */
        @WithDefault("30s")
        Duration publishTimeout();

        /** Open connections per client IP on this replica. */
        @WithDefault("20")
        int maxConnectionsPerIp();

        /** On shutdown: how long sessions in progress may take to finish after the listeners stop accepting. */
        @WithDefault("30s")
        Duration shutdownGrace();

        /** New connections per client IP per minute, across all replicas (Redis); more get 421 4.7.0. */
        @WithDefault("60")
        int connectionsPerIpPerMinute();

        /** Open connections on this replica. */
        @WithDefault("2000")
        int maxConnections();

        /**
         * Messages (MAIL commands) per sender per UTC day, across all replicas (Redis); the sender is the
         * authenticated account on submission, the MAIL FROM address on MX. More get 450 4.7.1.
         */
        @WithDefault("500")
        int messagesPerSenderPerDay();

        /** Messages (MAIL commands) per client IP per UTC day, across all replicas (Redis). */
        @WithDefault("500")
        int messagesPerIpPerDay();
    }

    interface Tls {

        /**
         * Name of the Quarkus TLS registry configuration holding the certificate
         * ({@code quarkus.tls.<name>.key-store.*}). When it is not configured the gateway generates a
         * self-signed certificate at startup, which only the local stack and tests should rely on.
         */
        @WithDefault("smtp")
        String configuration();

        /** Offer STARTTLS on the MX listener (submission always offers it). */
        @WithDefault("true")
        boolean mxStarttls();
    }

    /** Who may connect at all, decided before the greeting. */
    interface Policy {

        /** CIDR blocks that are always admitted, without DNSBL lookups (partners, own relays). */
        Optional<List<String>> allowCidrs();

        /** CIDR blocks refused with 554 5.7.1 on every listener. */
        Optional<List<String>> denyCidrs();

        Dnsbl dnsbl();

        /**
         * Look up the forward-confirmed reverse DNS name of each client for the Received: header. The
         * lookup runs beside the session and never delays it; a name that arrives late is simply not used.
         */
        @WithDefault("true")
        boolean reverseDns();

        @WithDefault("2s")
        Duration reverseDnsTimeout();

        /**
         * Upper bound for fetching a tenant's policy (IP lists, sending limits) from auth-service; after it
         * the platform defaults apply, so a slow auth-service never holds up RCPT or AUTH.
         */
        @WithDefault("2s")
        Duration tenantPolicyTimeout();
    }

    /**
     * DNS blocklists consulted for clients of the MX listener (not submission: users sit on listed dynamic
     * IPs). The lookup runs at connection time, but a listed client is refused at RCPT, recipient by
     * recipient, so that a tenant's {@code ipAllow} list can exempt its own recipients (Postfix's
     * {@code smtpd_delay_reject}).
     */
    interface Dnsbl {

        @WithDefault("true")
        boolean enabled();

        @WithDefault("zen.spamhaus.org")
        List<String> zones();

        /** A lookup that takes longer counts as "not listed": a dead resolver never stalls the greeting. */
        @WithDefault("1500ms")
        Duration timeout();

        /** How long an answer is remembered in Redis, shared by the replicas. */
        @WithDefault("1h")
        Duration cacheTtl();
    }
}

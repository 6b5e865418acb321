package io.mailfleet.auth.domaindns;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code mailfleet.public.*}: the host names and ports the world reaches this installation at. The DNS
 * records each domain must publish and the client autoconfiguration documents are computed from them.
 */
@ConfigMapping(prefix = "mailfleet.public")
public interface PublicHostsConfig {

    /** Receives mail for every hosted domain (MX target, MTA-STS policy). */
    @WithDefault("mx.mailfleet.test")
    String mxHost();

    /** IMAP and POP3 for mail clients. */
    @WithDefault("mail.mailfleet.test")
    String imapHost();

    /** Submission for mail clients. */
    @WithDefault("mail.mailfleet.test")
    String smtpHost();

    /** Serves MTA-STS policies and autoconfiguration (CNAME target of mta-sts., autoconfig., autodiscover.). */
    @WithDefault("web.mailfleet.test")
    String webHost();

    @WithDefault("993")
    int imapsPort();

    @WithDefault("995")
    int pop3sPort();

    /** Submission with STARTTLS (RFC 6409). */
    @WithDefault("587")
    int submissionPort();

    /** Submission over implicit TLS (RFC 8314). */
    @WithDefault("465")
    int submissionsPort();

    /** The SPF record published for each domain. */
    @WithDefault("v=spf1 mx -all")
    String spf();

    /** DMARC policy: none, quarantine or reject. */
    @WithDefault("quarantine")
    String dmarcPolicy();

    /** MTA-STS mode: testing or enforce. */
    @WithDefault("enforce")
    String mtaStsMode();

    @WithDefault("7d")
    Duration mtaStsMaxAge();
}

package io.mailfleet.spam;

import io.mailfleet.events.Verdict;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** {@code mailfleet.spam.*}: how the filter names itself and how it turns a score into an action. */
@ConfigMapping(prefix = "mailfleet.spam")
public interface SpamFilterConfig {

    /**
     * The authserv-id of our Authentication-Results headers (RFC 8601 §2.5), normally the host name of the MX. Incoming A-R
     * headers that claim it are forged and removed.
     */
    @WithDefault("mx.mailfleet.local")
    String authservId();

    Dkim dkim();

    /** Thresholds for mail from outside (port 25), unless the recipient's tenant has its own. */
    Thresholds inbound();

    /**
     * Thresholds for mail our own users submit: stricter, so that a compromised account is stopped before it spams others.
     */
    SubmissionThresholds submission();

    /** Per-tenant inbound thresholds by tenant id; a message to several tenants gets the strictest. */
    Map<String, TenantThresholds> tenants();

    /** Score overrides by symbol name (e.g. {@code mailfleet.spam.scores.SPF_FAIL=3.5}); others keep their built-in score. */
    Map<String, Double> scores();

    /**
     * What a DMARC failure under p=reject does. The message was already accepted (250) when the filter sees it, so REJECT
     * means a bounce that may go to a forged sender; QUARANTINE holds it instead.
     */
    @WithDefault("QUARANTINE")
    Verdict.Action dmarcRejectAction();

    /** What a DMARC failure under p=quarantine does. */
    @WithDefault("JUNK")
    Verdict.Action dmarcQuarantineAction();

    Rules rules();

    Dnsbl dnsbl();

    Bayes bayes();

    Policy policy();

    DmarcReports dmarcReports();

    /** Tenant policies (allow/block lists, thresholds) read from auth-service; cached in {@code tenant-policies}. */
    interface Policy {

        /** How long a message waits for auth-service; after that the platform defaults apply to it. */
        @WithDefault("1s")
        java.time.Duration timeout();
    }

    interface DmarcReports {

        /** org_name of our aggregate reports. */
        @WithDefault("Mailfleet")
        String organization();

        /** email of our aggregate reports: where their recipients may write; also the reports' sender. */
        @WithDefault("postmaster@mailfleet.local")
        String contact();

        /** When the previous UTC day's reports are sent (Quartz-style cron); one replica sends, guarded by a Redis lock. */
        @WithDefault("0 30 0 * * ?")
        String cron();

        /** RFC 6591 failure reports per policy domain and hour (all replicas together); more failures are not reported. */
        @WithDefault("10")
        int failureReportsPerHour();

        /**
         * How long stored evaluations are kept. At least 2 days (checked at startup): the daily job reports the previous UTC
         * day, so at its latest possible run (cron at 23:59) the oldest evaluation it reads is 48 hours old. The default
         * leaves two weeks to resend a missed day by hand ({@code AggregateReportJob.send(day)}).
         */
        @WithDefault("14d")
        java.time.Duration evaluationRetention();

        /**
         * How often expired evaluations and received reports are deleted. Every replica does it: deleting what is already
         * gone is harmless, so no lock is needed.
         */
        @WithDefault("1h")
        java.time.Duration purgeInterval();
    }

    interface Bayes {

        /** Directories of ham messages (one file each) the global model learns at startup. */
        java.util.Optional<java.util.List<java.nio.file.Path>> trainHam();

        /** Directories of spam messages the global model learns at startup. */
        java.util.Optional<java.util.List<java.nio.file.Path>> trainSpam();

        /** Spam and ham messages each the model needs before its opinion counts. */
        @WithDefault("200")
        int minMessages();
    }

    Content content();

    interface Dnsbl {

        /** DNSBL zones asked about the client IP (RFC 5782), e.g. zen.spamhaus.org; none by default. */
        java.util.Optional<java.util.List<String>> ipZones();

        /** Domain blocklists (URIBL/DBL) asked about the domains of links, e.g. dbl.spamhaus.org; none by default. */
        java.util.Optional<java.util.List<String>> domainZones();

        /** Per lookup; a list that does not answer in time counts as temperror, not as listed. */
        @WithDefault("1500ms")
        java.time.Duration timeout();

        /** How long an answer (listed or not) stays in Redis. */
        @WithDefault("10m")
        java.time.Duration cacheTtl();

        /** Link domains looked up per message, so a message with thousands of links costs bounded work. */
        @WithDefault("10")
        int maxDomains();
    }

    interface Rules {

        /**
         * A directory of {@code *.cf} rule files read after the built-in ones (in name order), e.g. a mounted ConfigMap that a
         * rules-update job rewrites; changes are picked up without a restart.
         */
        java.util.Optional<java.nio.file.Path> directory();

        /** How often the directory is checked for changed files. */
        @WithDefault("30s")
        java.time.Duration reloadInterval();

        /**
         * How much CPU time one rule's regular expression may use on one message before it counts as not hit: a
         * backtracking pattern must not hold a scoring thread.
         */
        @WithDefault("250ms")
        java.time.Duration matchTimeout();
    }

    interface Content {

        /** Decoded text read per text part; the rest of a huge part is not scanned. */
        @WithDefault("1048576")
        int maxTextBytes();

        /** Decoded octets kept per archive or office attachment for macro and executable detection. */
        @WithDefault("10485760")
        int maxArchiveBytes();
    }

    interface Thresholds {

        /** From this score on the message goes to the Junk folder. */
        @WithDefault("5")
        double junk();

        /** From this score on it is held for an administrator. */
        @WithDefault("10")
        double quarantine();

        /** From this score on it is refused. */
        @WithDefault("15")
        double reject();
    }

    interface SubmissionThresholds extends Thresholds {

        @Override
        @WithDefault("4")
        double junk();

        @Override
        @WithDefault("6")
        double quarantine();

        @Override
        @WithDefault("10")
        double reject();
    }

    interface TenantThresholds extends Thresholds {
    }

    interface Dkim {

        /** Signatures verified per message; more are reported as not checked, so a flood of them cannot cost unbounded work. */
        @WithDefault("5")
        int maxSignatures();

        /** Tolerance for the signer's clock on t= and x=. */
        @WithDefault("5m")
        java.time.Duration clockSkew();
    }
}

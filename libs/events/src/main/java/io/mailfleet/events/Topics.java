package io.mailfleet.events;

import java.util.List;

/** Names of the Kafka topics that connect the services; see docs/architecture.md for who writes and reads each. */
public final class Topics {

    /** Accepted by smtp-gateway, not yet scored. Key = message id. */
    public static final String MAIL_INBOUND = "mail.inbound";
    /** Scored by spam-filter, ready for delivery. Key = message id. */
    public static final String MAIL_SCORED = "mail.scored";
    /** Remote recipients (and bounces) for the outbound relay. Key = message id. */
    public static final String MAIL_OUTBOUND = "mail.outbound";
    /** Outbound retries; the delay grows with the suffix number. */
    public static final List<String> MAIL_OUTBOUND_RETRIES =
            List.of("mail.outbound.retry-1m", "mail.outbound.retry-10m", "mail.outbound.retry-1h");
    /** Records no stage could handle, with the reason in a header. */
    public static final String MAIL_DEAD_LETTER = "mail.dead-letter";
    /** Mailbox change notifications for IMAP IDLE. Key = account id. */
    public static final String MAILBOX_CHANGES = "mailbox.changes";
    /** One record per DMARC evaluation, for aggregate reports. */
    public static final String DMARC_RESULTS = "dmarc.results";
    /**
     * A user moved a message into or out of Junk: a training example for the spam filter's Bayes models.
     * Key = tenant id; value = the message's raw bytes (at most {@link TrainingSignal#MAX_CONTENT} octets);
     * header {@link TrainingSignal#HEADER}.
     */
    public static final String SPAM_TRAINING = "spam.training";
    /** Security and admin audit trail. */
    public static final String AUDIT_EVENTS = "audit.events";

    private Topics() {
    }

    /** Every topic the platform uses, for creating them up front. */
    public static List<String> all() {
        var all = new java.util.ArrayList<>(List.of(MAIL_INBOUND, MAIL_SCORED, MAIL_OUTBOUND));
        all.addAll(MAIL_OUTBOUND_RETRIES);
        all.addAll(List.of(MAIL_DEAD_LETTER, MAILBOX_CHANGES, DMARC_RESULTS, SPAM_TRAINING, AUDIT_EVENTS));
        return List.copyOf(all);
    }
}

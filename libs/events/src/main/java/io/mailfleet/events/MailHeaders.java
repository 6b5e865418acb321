package io.mailfleet.events;

/** The record headers of the mail topics. */
public final class MailHeaders {

    /** The {@link MailEnvelope}, on every mail topic. */
    public static final JsonHeader<MailEnvelope> ENVELOPE = new JsonHeader<>("mailfleet-envelope", MailEnvelope.class);
    /** The {@link Verdict}, from {@code mail.scored} on. */
    public static final JsonHeader<Verdict> VERDICT = new JsonHeader<>("mailfleet-verdict", Verdict.class);
    /** Why a record was put on the dead-letter topic (UTF-8 text). */
    public static final String DEAD_LETTER_REASON = "mailfleet-dead-letter-reason";

    private MailHeaders() {
    }
}

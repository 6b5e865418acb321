package io.mailfleet.mailstore;

/** A request the mailstore refuses for a reason the caller can report (IMAP NO / a delivery status). */
public class MailstoreException extends RuntimeException {

    public enum Reason {
        /** the mailbox does not exist (IMAP [NONEXISTENT]) */
        NO_SUCH_MAILBOX,
        /** a mailbox of that name exists (IMAP [ALREADYEXISTS]) */
        MAILBOX_EXISTS,
        /** INBOX and special-use mailboxes cannot be deleted or renamed away */
        MAILBOX_PROTECTED,
        /** the account's quota would be exceeded (IMAP [OVERQUOTA], SMTP 4.2.2/5.2.2) */
        OVER_QUOTA,
        /** no such account row */
        NO_SUCH_ACCOUNT
    }

    private final Reason reason;

    public MailstoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

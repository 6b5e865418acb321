package io.mailfleet.imap.protocol;

/** A command that does not parse: answered {@code BAD} with the message, the session goes on. */
public class ImapSyntaxException extends RuntimeException {

    public ImapSyntaxException(String message) {
        super(message, null, false, false);
    }
}

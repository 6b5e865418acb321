package io.mailfleet.spam.dns;

/** The DNS gave no definite answer (timeout, SERVFAIL, refused): the checks report {@code temperror}, never a guess. */
public class DnsTemporaryException extends RuntimeException {

    public DnsTemporaryException(String message) {
        super(message);
    }

    public DnsTemporaryException(String message, Throwable cause) {
        super(message, cause);
    }
}

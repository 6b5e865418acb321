package io.mailfleet.events;

/** A record that does not follow the contract: it belongs on the dead-letter topic, not in a retry loop. */
public class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.mailfleet.spam.dkim;

/** Ends one signature's verification with the given result (RFC 8601 §2.7.1) and the reason. */
final class DkimException extends RuntimeException {

    private final DkimResult.Status status;

    DkimException(DkimResult.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static DkimException permanent(String message) {
        return new DkimException(DkimResult.Status.PERMERROR, message);
    }

    static DkimException failed(String message) {
        return new DkimException(DkimResult.Status.FAIL, message);
    }

    DkimResult.Status status() {
        return status;
    }
}

package io.mailfleet.infra;

/** Infrastructure could not be started; the message says what is missing or what failed. */
public class InfrastructureException extends RuntimeException {

    public InfrastructureException(String message) {
        super(message);
    }

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}

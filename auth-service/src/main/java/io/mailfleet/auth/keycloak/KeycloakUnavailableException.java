package io.mailfleet.auth.keycloak;

/** Keycloak could not do what was asked; the API answers 503 and nothing half-done is kept. */
public class KeycloakUnavailableException extends RuntimeException {

    public KeycloakUnavailableException(String message) {
        super(message);
    }

    public KeycloakUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

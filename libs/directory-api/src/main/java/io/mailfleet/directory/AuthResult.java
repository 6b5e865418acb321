package io.mailfleet.directory;

import java.util.List;

/**
 * auth-service's answer to a {@link CredentialCheck}.
 *
 * @param senderAddresses  the MAIL FROM / From: addresses the account may use (its own, its aliases,
 *                         "@domain" when it may send as the whole domain)
 * @param retryAfterSeconds for LOCKED: when the lockout ends
 */
public record AuthResult(Outcome outcome, String tenantId, String accountId, String address,
                         List<String> senderAddresses, long retryAfterSeconds) {

    public enum Outcome {
        OK,
        /** wrong user, password or token: the gateway says 535 5.7.8 / NO [AUTHENTICATIONFAILED] */
        INVALID,
        /** too many failures for the account or the client IP: temporary, 454 4.7.0 / NO [UNAVAILABLE] */
        LOCKED,
        /** account or tenant disabled/suspended */
        DISABLED
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}

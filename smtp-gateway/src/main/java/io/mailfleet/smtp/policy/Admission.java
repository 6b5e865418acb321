package io.mailfleet.smtp.policy;

import io.mailfleet.smtp.protocol.SmtpReply;

import java.util.Optional;

/**
 * The connection policy's verdict on a new client.
 *
 * @param refusal   the reply sent instead of the greeting, or empty to greet the client
 * @param dnsblZone the blocklist zone listing an admitted MX client (refused later, at RCPT, unless the
 *                  recipient's tenant allow-lists the client), or empty
 */
public record Admission(Optional<SmtpReply> refusal, Optional<String> dnsblZone) {

    public static Admission admitted() {
        return new Admission(Optional.empty(), Optional.empty());
    }

    public static Admission refused(SmtpReply reply) {
        return new Admission(Optional.of(reply), Optional.empty());
    }

    public static Admission listed(String zone) {
        return new Admission(Optional.empty(), Optional.of(zone));
    }
}

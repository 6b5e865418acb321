package io.mailfleet.spam.dkim;

import java.util.Locale;

/**
 * The ARC chain validation status (RFC 8617 §4.4) of a message.
 *
 * @param instances the number of ARC sets found
 * @param sealers   the d= of each ARC-Seal from i=1 on (who handled the message), for the Authentication-Results comment
 */
public record ArcResult(Status status, int instances, java.util.List<String> sealers, String reason) {

    public enum Status {
        NONE, PASS, FAIL;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static ArcResult fail(int instances, String reason) {
        return new ArcResult(Status.FAIL, instances, java.util.List.of(), reason);
    }
}

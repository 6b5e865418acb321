package io.mailfleet.spam.dkim;

import java.util.Locale;

/**
 * The verification result of one DKIM-Signature field.
 *
 * @param domain    the signing domain (d=), or null when the signature could not be parsed that far
 * @param identity  the agent or user identifier (i=), defaulting to "@" + d
 * @param selector  s=
 * @param algorithm a=
 * @param keyBits   the public key size (RSA) for the A-R comment; 0 when unknown
 * @param reason    why it did not pass, or null
 */
public record DkimResult(Status status, String domain, String identity, String selector, String algorithm, int keyBits,
                         String reason) {

    /** RFC 8601 §2.7.1. {@code POLICY}: valid but not acceptable here, e.g. l= left part of the body unsigned. */
    public enum Status {
        PASS, FAIL, POLICY, NEUTRAL, TEMPERROR, PERMERROR;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean passed() {
        return status == Status.PASS;
    }
}

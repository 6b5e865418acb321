package io.mailfleet.spam.spf;

import java.util.Locale;

/** The seven results of RFC 7208 §2.6. */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    /** The lower-case token used in Received-SPF and Authentication-Results. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}

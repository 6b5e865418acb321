package io.mailfleet.tls;

import java.util.Set;

/** The TLS versions every Mailfleet listener accepts: 1.2 and 1.3, nothing older. */
public final class TlsProtocols {

    public static final Set<String> ENABLED = Set.of("TLSv1.2", "TLSv1.3");

    private TlsProtocols() {
    }
}

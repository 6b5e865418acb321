package io.mailfleet.launcher;

/** The fixed loopback ports of the local stack (README lists them; mail clients are configured with them). */
final class LocalPorts {

    static final int KAFKA = 19092;
    static final int POSTGRES = 15432;
    static final int REDIS = 16379;
    static final int KEYCLOAK = 8180;
    static final int KEYCLOAK_MANAGEMENT = 9180;

    static final int SMTP_MX = 2525;
    static final int SMTP_SUBMISSION = 2587;
    static final int SMTPS = 2465;
    static final int IMAP = 2143;
    static final int IMAPS = 2993;
    static final int POP3 = 2110;
    static final int POP3S = 2995;

    private LocalPorts() {
    }
}

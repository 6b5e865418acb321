package io.mailfleet.smtp.session;

import io.mailfleet.events.Direction;

/** The three faces of the gateway and the rules that differ between them. */
public enum Listener {
    /** Port 25: other MTAs deliver to hosted domains; no relaying, no AUTH. */
    MX("mx", Direction.INBOUND, false, false),
    /** Port 587: users submit after STARTTLS and AUTH (RFC 6409). */
    SUBMISSION("submission", Direction.SUBMISSION, true, false),
    /** Port 465: as submission, over implicit TLS (RFC 8314). */
    SMTPS("smtps", Direction.SUBMISSION, true, true);

    private final String configName;
    private final Direction direction;
    private final boolean submission;
    private final boolean implicitTls;

    Listener(String configName, Direction direction, boolean submission, boolean implicitTls) {
        this.configName = configName;
        this.direction = direction;
        this.submission = submission;
        this.implicitTls = implicitTls;
    }

    public String configName() {
        return configName;
    }

    public Direction direction() {
        return direction;
    }

    /** AUTH is offered (after TLS) and required before MAIL. */
    public boolean submission() {
        return submission;
    }

    public boolean implicitTls() {
        return implicitTls;
    }
}

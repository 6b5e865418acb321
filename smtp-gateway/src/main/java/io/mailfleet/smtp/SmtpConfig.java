package io.mailfleet.smtp;

import io.smallrye.config.ConfigMapping;

/** {@code mailfleet.smtp.*}: listener addresses of the gateway. */
@ConfigMapping(prefix = "mailfleet.smtp")
public interface SmtpConfig {

    /** The name the gateway greets with and puts in Received: headers. */
    String hostname();

    String bindHost();

    /** MX: mail from other MTAs for hosted domains (production 25). */
    int mxPort();

    /** Submission with STARTTLS (production 587). */
    int submissionPort();

    /** Submission over implicit TLS (production 465). */
    int smtpsPort();
}

package io.mailfleet.imap;

import io.smallrye.config.ConfigMapping;

/** {@code mailfleet.imap.*}: listener addresses of the IMAP and POP3 service. */
@ConfigMapping(prefix = "mailfleet.imap")
public interface ImapConfig {

    String hostname();

    String bindHost();

    /** IMAP with STARTTLS (production 143). */
    int imapPort();

    /** IMAP over implicit TLS (production 993). */
    int imapsPort();

    /** POP3 with STLS (production 110). */
    int pop3Port();

    /** POP3 over implicit TLS (production 995). */
    int pop3sPort();
}

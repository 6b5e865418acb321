package io.mailfleet.imap.command;

import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;

/**
 * What the server offers, by session state (RFC 9051 6.1.1, 6.2.1): before TLS on the plain port only
 * STARTTLS and LOGINDISABLED (no mechanism is offered in clear text); after TLS PLAIN, OAUTHBEARER and
 * XOAUTH2 with SASL-IR; once logged in, no authentication capabilities.
 */
public final class Capabilities {

    private static final String COMMON = "IMAP4rev1 IMAP4rev2 LITERAL+ ENABLE ID IDLE NAMESPACE UIDPLUS MOVE UNSELECT CONDSTORE "
            + "CHILDREN SPECIAL-USE LIST-EXTENDED LIST-STATUS STATUS=SIZE SASL-IR QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE "
            + "MULTIAPPEND UTF8=ACCEPT BINARY SORT THREAD=ORDEREDSUBJECT THREAD=REFERENCES COMPRESS=DEFLATE QRESYNC";

    private Capabilities() {
    }

    public static String of(ImapSession session) {
        if (session.state() != SessionState.NOT_AUTHENTICATED) {
            return COMMON;
        }
        return session.channel().secure() ? COMMON + " AUTH=PLAIN AUTH=OAUTHBEARER AUTH=XOAUTH2" : COMMON + " STARTTLS LOGINDISABLED";
    }
}

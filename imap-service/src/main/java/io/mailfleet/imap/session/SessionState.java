package io.mailfleet.imap.session;

/** RFC 9051 3: the states of an IMAP connection. */
public enum SessionState {
    NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT
}

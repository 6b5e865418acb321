package io.mailfleet.imap.search;

/** One SEARCH criterion (RFC 9051 6.4.4); composite keys (AND, OR, NOT) hold others. */
public interface SearchKey {

    boolean matches(SearchCandidate candidate);

    /** Whether the message bytes are needed (BODY, TEXT, HEADER). */
    default boolean needsContent() {
        return false;
    }
}

package io.mailfleet.imap.store;

import io.mailfleet.mailstore.Flags;

/** What a session keeps about a message without its envelope or structure: enough for sequence numbers and FLAGS. */
public record IndexEntry(long uid, long modseq, Flags flags) {
}

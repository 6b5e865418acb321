package io.mailfleet.imap.search;

import io.mailfleet.mailstore.MessageEntry;

/**
 * One message as SEARCH keys see it: its sequence number, metadata and, when some key needs it, its bytes.
 *
 * @param content null unless a key needs the message text
 */
public record SearchCandidate(int msn, int exists, long uid, long lastUid, boolean recent, MessageEntry entry, byte[] content) {

    public SearchCandidate withoutContent() {
        return content == null ? this : new SearchCandidate(msn, exists, uid, lastUid, recent, entry, null);
    }
}

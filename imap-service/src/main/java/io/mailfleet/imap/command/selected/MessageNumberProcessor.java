package io.mailfleet.imap.command.selected;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.session.SessionState;

import java.util.Set;

/**
 * A selected-state command that names or answers messages by number: FETCH, STORE, SEARCH, SORT, THREAD.
 * Each has a UID variant, and only that variant may be followed by other sessions' expunges (RFC 9051
 * 7.5.1): after the sequence-number form the client's numbers would shift under it.
 */
public interface MessageNumberProcessor extends ImapProcessor {

    /** SEARCH, SORT and THREAD with a charset other than UTF-8 / US-ASCII. */
    Completion BAD_CHARSET = Completion.no("[BADCHARSET (UTF-8 US-ASCII)] unsupported charset");

    @Override
    default Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    default boolean uidVariant() {
        return true;
    }

    @Override
    default boolean announcesExpunges(ImapCommand command) {
        return command.uid();
    }
}

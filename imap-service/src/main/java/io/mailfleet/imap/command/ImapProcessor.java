package io.mailfleet.imap.command;

import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;

import java.util.Set;

/**
 * The semantics of one IMAP command (James's processor layer): parse its arguments from the command,
 * do the work through the mailstore, write untagged responses, and complete with the tagged status.
 * Arguments are parsed before any I/O, so bad syntax is a {@code BAD} without side effects.
 */
public interface ImapProcessor {

    Set<SessionState> ANY = Set.of(SessionState.NOT_AUTHENTICATED, SessionState.AUTHENTICATED, SessionState.SELECTED);
    Set<SessionState> AUTHENTICATED = Set.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
    Set<SessionState> SELECTED = Set.of(SessionState.SELECTED);

    /** The command name(s) handled, upper case. */
    Set<String> names();

    /** States the command is valid in; elsewhere it is {@code BAD}. */
    Set<SessionState> states();

    /** Whether {@code UID name} is a command (FETCH, STORE, SEARCH, COPY, MOVE, EXPUNGE). */
    default boolean uidVariant() {
        return false;
    }

    /**
     * Whether other sessions' expunges may be announced right after this command. Not after FETCH,
     * STORE and SEARCH by sequence number (RFC 9051 7.5.1): the client's numbers would shift under it.
     */
    default boolean announcesExpunges(ImapCommand command) {
        return true;
    }

    Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out);
}

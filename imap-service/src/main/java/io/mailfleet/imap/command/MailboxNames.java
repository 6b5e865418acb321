package io.mailfleet.imap.command;

import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.protocol.MailboxNameCodec;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.mailstore.Mailboxes;

/** Mailbox names as commands take them and responses show them, in the session's encoding. */
public final class MailboxNames {

    private static final int MAX_NAME_LENGTH = 1024;

    private MailboxNames() {
    }

    /** A mailbox argument, decoded and normalised (INBOX in any case is INBOX; a trailing delimiter is dropped). */
    public static String read(ImapArgumentReader args, ImapSession session) {
        String name = MailboxNameCodec.decode(args.astring(), session.utf8());
        if (name.length() > 1 && name.charAt(name.length() - 1) == Mailboxes.DELIMITER) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ImapSyntaxException("invalid mailbox name");
        }
        return Mailboxes.normalize(name);
    }

    /** For responses: astring in the session's encoding. */
    public static String wire(String name, ImapSession session) {
        return MailboxNameCodec.encode(name, session.utf8());
    }
}

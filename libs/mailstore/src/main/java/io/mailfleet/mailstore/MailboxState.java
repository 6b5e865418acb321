package io.mailfleet.mailstore;

import java.util.Optional;

/**
 * What IMAP SELECT/STATUS reports about a mailbox, read in one snapshot.
 *
 * @param id      the mailbox's database id, stable across renames (used by every other call)
 * @param name    full hierarchical name, delimiter {@link Mailboxes#DELIMITER}
 * @param unseen  messages without {@code \Seen}
 */
public record MailboxState(long id, String accountId, String name, Optional<SpecialUse> specialUse, boolean subscribed,
                           long uidValidity, long uidNext, long highestModseq, long messages, long unseen, long size) {
}

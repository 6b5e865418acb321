package io.mailfleet.imap.pop3;

import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.imap.changes.MailboxChangeNotifier;
import io.mailfleet.imap.store.UidSetExpunge;
import io.mailfleet.mailstore.MailAccounts;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.UidRange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * POP3's view of the mailstore: a snapshot of INBOX taken at login (RFC 1939 message numbers stay fixed
 * for the session), message bytes, and the deletions applied in one transaction at QUIT.
 */
@ApplicationScoped
public class Pop3Maildrop {

    /** One message of the snapshot; the unique id (UIDL) is {@code uidValidity.uid}, stable across sessions. */
    public record Entry(long uid, long size) {
    }

    public record Snapshot(long mailboxId, long uidValidity, List<Entry> entries) {
    }

    private final MailAccounts accounts;
    private final Mailboxes mailboxes;
    private final Messages messages;
    private final UidSetExpunge expunge;
    private final MailboxChangeNotifier notifier;

    Pop3Maildrop(MailAccounts accounts, Mailboxes mailboxes, Messages messages, UidSetExpunge expunge, MailboxChangeNotifier notifier) {
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.expunge = expunge;
        this.notifier = notifier;
    }

    public Uni<Snapshot> open(String accountId) {
        return accounts.ensureAccount(accountId)
                .chain(() -> mailboxes.state(accountId, Mailboxes.INBOX))
                .chain(state -> {
                    var inbox = state.orElseThrow();
                    return messages.list(accountId, inbox.id(), UidRange.ALL)
                            .map(list -> new Snapshot(inbox.id(), inbox.uidValidity(),
                                    list.stream().map(m -> new Entry(m.uid(), m.size())).toList()));
                });
    }

    public Uni<Optional<byte[]>> content(String accountId, Snapshot snapshot, Entry entry) {
        return messages.content(accountId, snapshot.mailboxId(), entry.uid());
    }

    /** The UPDATE state: exactly the messages marked with DELE are removed, in one transaction. */
    public Uni<Integer> delete(String accountId, Snapshot snapshot, List<Long> uids) {
        if (uids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return expunge.expunge(accountId, snapshot.mailboxId(), uids, false)
                .invoke(expunged -> notifier.changed(accountId, snapshot.mailboxId(), snapshot.uidValidity(),
                        MailboxChange.Kind.EXPUNGED, expunged.uids(), expunged.modseq()))
                .map(expunged -> expunged.uids().size());
    }
}

package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.MailstoreException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE, with the missing superiors of a hierarchical name ({@code a/b/c} creates {@code a} and {@code a/b} too, RFC 9051 6.3.4). */
@ApplicationScoped
public class CreateProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;

    CreateProcessor(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public Set<String> names() {
        return Set.of("CREATE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        String name = MailboxNames.read(args, session);
        args.end();
        if (name.equals(Mailboxes.INBOX)) {
            return Uni.createFrom().item(Completion.no("[ALREADYEXISTS] INBOX always exists"));
        }
        if (name.startsWith(String.valueOf(Mailboxes.DELIMITER)) || name.contains("//")) {
            return Uni.createFrom().item(Completion.no("[CANNOT] invalid hierarchy in mailbox name"));
        }
        List<String> superiors = new ArrayList<>();
        for (int i = name.indexOf(Mailboxes.DELIMITER); i > 0; i = name.indexOf(Mailboxes.DELIMITER, i + 1)) {
            superiors.add(name.substring(0, i));
        }
        Uni<Void> parents = Uni.createFrom().voidItem();
        for (String superior : superiors) {
            parents = parents.chain(() -> mailboxes.create(session.accountId(), superior).replaceWithVoid()
                    .onFailure(e -> e instanceof MailstoreException refused
                            && refused.reason() == MailstoreException.Reason.MAILBOX_EXISTS).recoverWithNull());
        }
        // MAILBOXID (RFC 8474): the mailbox's stable id, unchanged by RENAME
        return parents.chain(() -> mailboxes.create(session.accountId(), name))
                .map(created -> Completion.ok("[MAILBOXID (" + created.id() + ")] CREATE completed."));
    }
}

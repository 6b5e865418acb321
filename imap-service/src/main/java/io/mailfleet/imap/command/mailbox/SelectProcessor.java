package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapResponseBuilder;
import io.mailfleet.imap.session.FlagsFormat;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.MailboxSynchronizer;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.Mailboxes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** SELECT and EXAMINE (RFC 9051 6.3.2/6.3.3; rev1's RECENT and UNSEEN for IMAP4rev1 sessions). */
@ApplicationScoped
public class SelectProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;
    private final MailboxSynchronizer synchronizer;

    SelectProcessor(Mailboxes mailboxes, MailboxSynchronizer synchronizer) {
        this.mailboxes = mailboxes;
        this.synchronizer = synchronizer;
    }

    @Override
    public Set<String> names() {
        return Set.of("SELECT", "EXAMINE");
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
        if (!args.atEnd()) {
            // select parameters: (CONDSTORE) enables CONDSTORE for the session (RFC 7162 3.1.8)
            args.sp();
            args.expect('(');
            String parameter = args.atom();
            args.expect(')');
            if (!parameter.equalsIgnoreCase("CONDSTORE")) {
                throw new io.mailfleet.imap.protocol.ImapSyntaxException("unknown SELECT parameter " + parameter);
            }
            session.enable(ImapSession.CONDSTORE);
        }
        args.end();
        boolean readOnly = command.name().equals("EXAMINE");
        boolean wasSelected = session.selected() != null;
        // a failed SELECT leaves no mailbox selected (RFC 9051 6.3.2)
        session.unselect();
        if (wasSelected && session.rev2()) {
            out.untagged("OK [CLOSED] previous mailbox closed");
        }
        return mailboxes.state(session.accountId(), name).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Completion.no("[NONEXISTENT] no such mailbox"));
            }
            var state = found.get();
            return synchronizer.open(session, state, readOnly).map(view -> {
                session.select(view);
                // the order Apache James uses (its conformance scripts expect it); RFC 9051 leaves it free
                out.untagged("OK [MAILBOXID (" + state.id() + ")] Ok");
                out.untagged("FLAGS " + view.flags());
                out.untagged(view.exists() + " EXISTS");
                if (!session.rev2()) {
                    out.untagged(view.recentCount() + " RECENT");
                }
                out.untagged("OK [UIDVALIDITY " + state.uidValidity() + "] UIDs valid");
                if (!session.rev2() && view.firstUnseen() > 0) {
                    out.untagged("OK [UNSEEN " + view.firstUnseen() + "] MailboxMessage " + view.firstUnseen() + " is first unseen");
                }
                out.untagged("OK [PERMANENTFLAGS " + view.permanentFlags() + "] Limited");
                out.untagged("OK [HIGHESTMODSEQ " + state.highestModseq() + "] Highest");
                out.untagged("OK [UIDNEXT " + state.uidNext() + "] Predicted next UID");
                if (session.rev2()) {
                    out.write(ImapResponseBuilder.untagged(true).atom("LIST").open().close().string("/")
                            .string(MailboxNames.wire(state.name(), session)).toBytes());
                }
                return Completion.ok((readOnly ? "[READ-ONLY] " : "[READ-WRITE] ") + command.name() + " completed.");
            });
        });
    }
}

package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapResponseBuilder;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.imap.session.FlagsFormat;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.MailboxSynchronizer;
import io.mailfleet.imap.session.SelectedMailbox;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.imap.store.IndexEntry;
import io.mailfleet.imap.store.MessageIndex;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.Messages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SELECT and EXAMINE (RFC 9051 6.3.2/6.3.3; rev1's RECENT and UNSEEN for IMAP4rev1 sessions), with the CONDSTORE
 * and QRESYNC parameters of RFC 7162 (a QRESYNC client is told what vanished and changed since its cache).
 */
@ApplicationScoped
public class SelectProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;
    private final MailboxSynchronizer synchronizer;
    private final Messages messages;
    private final MessageIndex index;

    SelectProcessor(Mailboxes mailboxes, MailboxSynchronizer synchronizer, Messages messages, MessageIndex index) {
        this.messages = messages;
        this.index = index;
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
        Resync resync = null;
        if (!args.atEnd()) {
            // select parameters: (CONDSTORE) enables CONDSTORE for the session (RFC 7162 3.1.8);
            // (QRESYNC (uidvalidity modseq [known-uids [seq-match]])) resynchronises a cache (RFC 7162 3.2.5)
            args.sp();
            args.expect('(');
            do {
                String parameter = args.atom().toUpperCase(Locale.ROOT);
                switch (parameter) {
                    case "CONDSTORE" -> session.enable(ImapSession.CONDSTORE);
                    case "QRESYNC" -> {
                        if (!session.enabled(ImapSession.QRESYNC)) {
                            throw new ImapSyntaxException("QRESYNC is not enabled");
                        }
                        args.sp();
                        resync = Resync.read(args);
                    }
                    default -> throw new ImapSyntaxException("unknown SELECT parameter " + parameter);
                }
            } while (args.consumeIf(' '));
            args.expect(')');
        }
        args.end();
        Resync requested = resync;
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
            return synchronizer.open(session, state, readOnly).chain(view -> {
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
                Completion done = Completion.ok((readOnly ? "[READ-ONLY] " : "[READ-WRITE] ") + command.name() + " completed.");
                if (requested == null || requested.uidValidity() != state.uidValidity()) {
                    return Uni.createFrom().item(done); // another UIDVALIDITY: the client's cache is void anyway
                }
                return resynchronize(session, view, requested, out).replaceWith(done);
            });
        });
    }

    /** The client's cached state: what changed and vanished since {@code modseq}, among the UIDs it knows. */
    private record Resync(long uidValidity, long modseq, SequenceSet knownUids) {

        static Resync read(ImapArgumentReader args) {
            args.expect('(');
            long uidValidity = args.nzNumber();
            args.sp();
            long modseq = args.nzNumber();
            SequenceSet known = null;
            if (args.consumeIf(' ')) {
                if (args.peek() != '(') {
                    known = args.sequenceSet();
                    args.consumeIf(' ');
                }
                if (args.consumeIf('(')) {
                    // seq-match-data is a hint to shorten VANISHED; the exact list is sent instead
                    args.sequenceSet();
                    args.sp();
                    args.sequenceSet();
                    args.expect(')');
                }
            }
            args.expect(')');
            return new Resync(uidValidity, modseq, known);
        }

        boolean knows(long uid, long highestUid) {
            return knownUids == null || knownUids.contains(uid, highestUid);
        }
    }

    /** {@code * VANISHED (EARLIER) …} then {@code * n FETCH (UID FLAGS MODSEQ)} for what changed since the client's modseq. */
    private Uni<Void> resynchronize(ImapSession session, SelectedMailbox view, Resync resync, ImapResponder out) {
        return messages.expungedSince(session.accountId(), view.id(), resync.modseq())
                .chain(expunged -> index.changedSince(session.accountId(), view.id(), resync.modseq()).invoke(changed -> {
                    List<Long> vanished = expunged.stream().filter(uid -> resync.knows(uid, view.knownUidNext() - 1)).sorted().toList();
                    if (!vanished.isEmpty()) {
                        out.untagged("VANISHED (EARLIER) " + SequenceSet.format(vanished));
                    }
                    for (IndexEntry entry : changed) {
                        int msn = view.msnOf(entry.uid());
                        if (msn > 0 && resync.knows(entry.uid(), view.knownUidNext() - 1)) {
                            out.untagged(msn + " FETCH (UID " + entry.uid() + " FLAGS "
                                    + FlagsFormat.render(entry.flags(), view.isRecent(entry.uid())) + " MODSEQ (" + entry.modseq() + "))");
                        }
                    }
                }))
                .replaceWithVoid();
    }
}

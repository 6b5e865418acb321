package io.mailfleet.imap.command.selected;

import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.imap.changes.MailboxChangeNotifier;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.junk.JunkLearning;
import io.mailfleet.imap.junk.TrainingSignalPublisher;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SelectedMailbox;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.Expunged;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.UidMapping;
import io.mailfleet.mailstore.UidRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * COPY and MOVE (RFC 6851), by sequence number or UID, answered with COPYUID (UIDPLUS). A set of
 * consecutive messages is one mailstore transaction; a scattered set is one per run of consecutive
 * messages, in order. Copies into or out of \Junk become the spam filter's learning signals.
 */
@ApplicationScoped
public class CopyProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;
    private final Messages messages;
    private final MailboxChangeNotifier notifier;
    private final TrainingSignalPublisher training;

    CopyProcessor(Mailboxes mailboxes, Messages messages, MailboxChangeNotifier notifier, TrainingSignalPublisher training) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.notifier = notifier;
        this.training = training;
    }

    @Override
    public Set<String> names() {
        return Set.of("COPY", "MOVE");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public boolean uidVariant() {
        return true;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        SequenceSet set = args.sequenceSet();
        args.sp();
        String target = MailboxNames.read(args, session);
        args.end();
        boolean move = command.name().equals("MOVE");
        SelectedMailbox view = session.selected();
        if (!command.uid() && view.outOfRange(set)) {
            return Uni.createFrom().item(Completion.bad("invalid message sequence number"));
        }
        if (move && view.readOnly()) {
            return Uni.createFrom().item(Completion.no("[READ-ONLY] mailbox is read-only"));
        }
        List<Long> uids = view.resolve(set, command.uid());
        String account = session.accountId();
        return mailboxes.state(account, target).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Completion.no("[TRYCREATE] no such mailbox"));
            }
            long targetId = found.get().id();
            if (uids.isEmpty()) {
                return Uni.createFrom().item(Completion.ok(command.name() + " completed."));
            }
            return Multi.createFrom().iterable(view.ranges(uids))
                    .onItem().transformToUniAndConcatenate((UidRange range) -> move
                            ? messages.move(account, view.id(), range, targetId)
                            : messages.copy(account, view.id(), range, targetId))
                    .collect().asList()
                    .map(mappings -> {
                        List<Long> sources = new ArrayList<>();
                        List<Long> copies = new ArrayList<>();
                        long validity = found.get().uidValidity();
                        long targetModseq = 0;
                        for (UidMapping mapping : mappings) {
                            sources.addAll(mapping.sourceUids());
                            copies.addAll(mapping.targetUids());
                            validity = mapping.targetUidValidity();
                            targetModseq = Math.max(targetModseq, mapping.targetModseq());
                        }
                        if (copies.isEmpty()) {
                            return Completion.ok(command.name() + " completed.");
                        }
                        notifier.changed(account, targetId, validity, MailboxChange.Kind.APPENDED, copies, targetModseq);
                        JunkLearning.label(view.specialUse(), found.get().specialUse()).ifPresent(label ->
                                training.publish(session.principal(), targetId, copies, label));
                        String copyUid = "[COPYUID " + validity + " " + SequenceSet.format(sources) + " "
                                + SequenceSet.format(copies) + "]";
                        if (!move) {
                            return Completion.ok(copyUid + " COPY completed.");
                        }
                        out.untagged("OK " + copyUid + " moved");
                        ExpungeProcessor.announce(session, view, new Expunged(sources, 0), out);
                        notifier.changed(account, view.id(), view.uidValidity(), MailboxChange.Kind.EXPUNGED, sources, 0);
                        return Completion.ok("MOVE completed.");
                    });
        });
    }
}

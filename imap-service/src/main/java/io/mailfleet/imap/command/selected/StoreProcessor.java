package io.mailfleet.imap.command.selected;

import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.imap.changes.MailboxChangeNotifier;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.imap.session.FlagsFormat;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SelectedMailbox;
import io.mailfleet.imap.store.IndexEntry;
import io.mailfleet.imap.store.MessageIndex;
import io.mailfleet.mailstore.FlagChange;
import io.mailfleet.mailstore.FlagUpdate;
import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.UidRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** STORE / UID STORE: FLAGS, +FLAGS, -FLAGS (.SILENT), answered with the resulting FLAGS of every message named. */
@ApplicationScoped
public class StoreProcessor implements MessageNumberProcessor {

    private final Messages messages;
    private final MessageIndex index;
    private final MailboxChangeNotifier notifier;

    StoreProcessor(Messages messages, MessageIndex index, MailboxChangeNotifier notifier) {
        this.messages = messages;
        this.index = index;
        this.notifier = notifier;
    }

    @Override
    public Set<String> names() {
        return Set.of("STORE");
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        SequenceSet set = args.sequenceSet();
        args.sp();
        Optional<Long> unchangedSince = Optional.empty();
        if (args.consumeIf('(')) {
            // CONDSTORE (RFC 7162 3.1.3): only messages not modified since that modseq are changed
            if (!args.atom().equalsIgnoreCase("UNCHANGEDSINCE")) {
                throw new ImapSyntaxException("unknown STORE modifier");
            }
            args.sp();
            unchangedSince = Optional.of(args.number());
            args.expect(')');
            args.sp();
            session.enable(ImapSession.CONDSTORE);
        }
        String item = args.atom().toUpperCase(Locale.ROOT);
        boolean silent = item.endsWith(".SILENT");
        String kind = silent ? item.substring(0, item.length() - ".SILENT".length()) : item;
        FlagUpdate.Mode mode = switch (kind) {
            case "FLAGS" -> FlagUpdate.Mode.REPLACE;
            case "+FLAGS" -> FlagUpdate.Mode.ADD;
            case "-FLAGS" -> FlagUpdate.Mode.REMOVE;
            default -> throw new ImapSyntaxException("unknown STORE item " + item);
        };
        args.sp();
        List<String> names = new ArrayList<>();
        if (args.peek() == '(') {
            names.addAll(args.flagList());
        } else {
            do {
                names.add(args.flag());
            } while (args.consumeIf(' '));
        }
        args.end();
        Flags flags = FlagsFormat.parse(names);
        SelectedMailbox view = session.selected();
        if (!command.uid() && view.outOfRange(set)) {
            return Uni.createFrom().item(Completion.bad("invalid message sequence number"));
        }
        if (view.readOnly()) {
            return Uni.createFrom().item(Completion.no("[READ-ONLY] mailbox is read-only"));
        }
        List<Long> uids = view.resolve(set, command.uid());
        if (uids.isEmpty()) {
            return Uni.createFrom().item(Completion.ok("STORE completed."));
        }
        String account = session.accountId();
        FlagUpdate update = new FlagUpdate(mode, flags);
        Optional<Long> condition = unchangedSince;
        boolean condstore = session.enabled(ImapSession.CONDSTORE);
        return Multi.createFrom().iterable(view.ranges(uids))
                .onItem().transformToUniAndConcatenate((UidRange range) -> messages.setFlags(account, view.id(), range, update, condition))
                .collect().asList()
                .chain(results -> {
                    long modseq = 0;
                    List<Long> changed = new ArrayList<>();
                    for (List<FlagChange> changes : results) {
                        for (FlagChange change : changes) {
                            modseq = Math.max(modseq, change.modseq());
                            changed.add(change.uid());
                        }
                    }
                    if (modseq > 0) {
                        view.ownChange(modseq);
                        notifier.changed(account, view.id(), view.uidValidity(), MailboxChange.Kind.FLAGS, changed, modseq);
                    }
                    return index.entries(account, view.id(), uids).map(entries -> {
                        if (mode != FlagUpdate.Mode.REMOVE && view.learnKeywords(flags.keywords())) {
                            FlagsFormat.announceKeywords(view, out);
                        }
                        List<Long> modified = new ArrayList<>();
                        for (IndexEntry entry : entries) {
                            int msn = view.msnOf(entry.uid());
                            boolean skipped = condition.isPresent() && entry.modseq() > condition.get() && !changed.contains(entry.uid());
                            if (skipped) {
                                modified.add(command.uid() ? entry.uid() : msn);
                            } else if (msn > 0 && !silent) {
                                out.untagged(msn + " FETCH (FLAGS " + FlagsFormat.render(entry.flags(), view.isRecent(entry.uid()))
                                        + (command.uid() ? " UID " + entry.uid() : "")
                                        + (condstore ? " MODSEQ (" + entry.modseq() + ")" : "") + ")");
                            }
                        }
                        return modified.isEmpty() ? Completion.ok("STORE completed.")
                                : Completion.ok("[MODIFIED " + SequenceSet.format(modified) + "] conditional STORE failed");
                    });
                });
    }
}

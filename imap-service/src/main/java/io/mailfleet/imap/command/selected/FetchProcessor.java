package io.mailfleet.imap.command.selected;

import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.imap.changes.MailboxChangeNotifier;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.fetch.BodySection;
import io.mailfleet.imap.fetch.BinarySection;
import io.mailfleet.imap.fetch.FetchRequest;
import io.mailfleet.imap.fetch.UnknownTransferEncodingException;
import io.mailfleet.imap.fetch.SectionExtractor;
import io.mailfleet.imap.fetch.StructureFormat;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapResponseBuilder;
import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.imap.session.FlagsFormat;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SelectedMailbox;
import io.mailfleet.imap.store.MessageIndex;
import io.mailfleet.mailstore.FlagUpdate;
import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.MessageEntry;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.SystemFlag;
import io.mailfleet.mailstore.UidRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * FETCH / UID FETCH. Metadata comes from the mailstore's cached rows in batches; message bytes are read
 * one message at a time and written before the next is read, waiting for the client to drain its
 * socket, so fetching a large mailbox never holds more than one message in memory. Fetching a body
 * without PEEK sets {@code \Seen} first and reports the new FLAGS.
 */
@ApplicationScoped
public class FetchProcessor implements MessageNumberProcessor {

    private static final int BATCH = 500;
    private static final DateTimeFormatter INTERNAL_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final Messages messages;
    private final MessageIndex index;
    private final MailboxChangeNotifier notifier;

    FetchProcessor(Messages messages, MessageIndex index, MailboxChangeNotifier notifier) {
        this.messages = messages;
        this.index = index;
        this.notifier = notifier;
    }

    /** RFC 7162 3.2.6: {@code * VANISHED (EARLIER) uids} for the UIDs of the set expunged after {@code modseq}. */
    private Uni<Void> vanishedEarlier(ImapSession session, SelectedMailbox view, SequenceSet set, long modseq, ImapResponder out) {
        long highestUid = view.knownUidNext() - 1;
        return messages.expungedSince(session.accountId(), view.id(), modseq).invoke(expunged -> {
            List<Long> vanished = expunged.stream().filter(uid -> set.contains(uid, highestUid)).sorted().toList();
            if (!vanished.isEmpty()) {
                out.untagged("VANISHED (EARLIER) " + SequenceSet.format(vanished));
            }
        }).replaceWithVoid();
    }

    /** What one message's response is built from; {@code entry} is null when only FLAGS/UID were asked. */
    private record Fetched(long uid, long modseq, Flags flags, MessageEntry entry, boolean seenNow) {
    }

    @Override
    public Set<String> names() {
        return Set.of("FETCH");
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        SequenceSet set = args.sequenceSet();
        args.sp();
        FetchRequest request = FetchRequest.read(args);
        args.end();
        if (request.simpleItems().contains("MODSEQ")) {
            session.enable(ImapSession.CONDSTORE);
        }
        SelectedMailbox view = session.selected();
        if (!command.uid() && view.outOfRange(set)) {
            return Uni.createFrom().item(Completion.bad("invalid message sequence number"));
        }
        if (request.vanished() && (!command.uid() || !session.enabled(ImapSession.QRESYNC))) {
            return Uni.createFrom().item(Completion.bad("VANISHED needs UID FETCH and ENABLE QRESYNC"));
        }
        List<Long> uids = view.resolve(set, command.uid());
        Completion done = Completion.ok("FETCH completed.");
        Uni<Void> vanished = request.vanished() ? vanishedEarlier(session, view, set, request.changedSince(), out) : Uni.createFrom().voidItem();
        if (uids.isEmpty()) {
            return vanished.replaceWith(done);
        }
        List<List<Long>> batches = new ArrayList<>();
        for (int i = 0; i < uids.size(); i += BATCH) {
            batches.add(uids.subList(i, Math.min(uids.size(), i + BATCH)));
        }
        return vanished.chain(() -> Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> load(session, view, request, batch)
                        .map(fetched -> request.changedSince() < 0 ? fetched
                                : fetched.stream().filter(f -> f.modseq() > request.changedSince()).toList())
                        .chain(fetched -> markSeen(session, view, request, fetched))
                        .chain(fetched -> respond(session, view, command, request, fetched, out)))
                .collect().last())
                .replaceWith(done)
                .onFailure(UnknownTransferEncodingException.class)
                .recoverWithItem(unknown -> Completion.no("[UNKNOWN-CTE] " + unknown.getMessage()));
    }

    private Uni<List<Fetched>> load(ImapSession session, SelectedMailbox view, FetchRequest request, List<Long> batch) {
        String account = session.accountId();
        if (!request.needsEntry()) {
            return index.entries(account, view.id(), batch)
                    .map(entries -> entries.stream().map(e -> new Fetched(e.uid(), e.modseq(), e.flags(), null, false)).toList());
        }
        Set<Long> wanted = Set.copyOf(batch);
        return messages.list(account, view.id(), new UidRange(batch.get(0), batch.get(batch.size() - 1)))
                .map(entries -> entries.stream().filter(e -> wanted.contains(e.uid()))
                        .map(e -> new Fetched(e.uid(), e.modseq(), e.flags(), e, false)).toList());
    }

    private Uni<List<Fetched>> markSeen(ImapSession session, SelectedMailbox view, FetchRequest request, List<Fetched> fetched) {
        if (!request.setsSeen() || view.readOnly()) {
            return Uni.createFrom().item(fetched);
        }
        List<Long> unseen = fetched.stream().filter(f -> !f.flags().has(SystemFlag.SEEN)).map(Fetched::uid).toList();
        if (unseen.isEmpty()) {
            return Uni.createFrom().item(fetched);
        }
        String account = session.accountId();
        FlagUpdate seen = FlagUpdate.add(Flags.of(SystemFlag.SEEN));
        return Multi.createFrom().iterable(view.ranges(unseen))
                .onItem().transformToUniAndConcatenate(range -> messages.setFlags(account, view.id(), range, seen, Optional.empty()))
                .collect().asList()
                .map(results -> {
                    long modseq = results.stream().flatMap(List::stream).mapToLong(c -> c.modseq()).max().orElse(0);
                    if (modseq > 0) {
                        view.ownChange(modseq);
                        notifier.changed(account, view.id(), view.uidValidity(), MailboxChange.Kind.FLAGS,
                                results.stream().flatMap(List::stream).map(c -> c.uid()).toList(), modseq);
                    }
                    return fetched.stream().map(f -> f.flags().has(SystemFlag.SEEN) ? f
                            : new Fetched(f.uid(), modseq, withSeen(f.flags()), f.entry(), true)).toList();
                });
    }

    private static Flags withSeen(Flags flags) {
        java.util.EnumSet<SystemFlag> system = java.util.EnumSet.of(SystemFlag.SEEN);
        system.addAll(flags.system());
        return new Flags(system, flags.keywords());
    }

    private Uni<Void> respond(ImapSession session, SelectedMailbox view, ImapCommand command, FetchRequest request,
                              List<Fetched> fetched, ImapResponder out) {
        return Multi.createFrom().iterable(fetched)
                .onItem().transformToUniAndConcatenate(message -> {
                    int msn = view.msnOf(message.uid());
                    if (msn == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<byte[]> content = request.needsContent()
                            ? messages.content(session.accountId(), view.id(), message.uid()).map(found -> found.orElse(null))
                            : Uni.createFrom().nullItem();
                    return content.chain(bytes -> {
                        if (request.needsContent() && bytes == null) {
                            return Uni.createFrom().voidItem(); // expunged meanwhile
                        }
                        out.write(render(session, view, command, request, message, msn, bytes));
                        return out.drained();
                    });
                })
                .collect().last().replaceWithVoid();
    }

    private static byte[] render(ImapSession session, SelectedMailbox view, ImapCommand command, FetchRequest request,
                                 Fetched message, int msn, byte[] content) {
        ImapResponseBuilder response = ImapResponseBuilder.untagged(session.utf8()).number(msn).atom("FETCH").open();
        // UID FETCH always answers with the UID: where the client asked for it, else last (as James does)
        boolean uidDone = !command.uid();
        // a message this FETCH just marked \Seen reports its new flags first (as James does), unless FLAGS was asked anyway
        boolean flagsDone = message.seenNow() && request.simpleItems().contains("FLAGS");
        if (message.seenNow() && !flagsDone) {
            response.atom("FLAGS").atom(FlagsFormat.render(message.flags(), view.isRecent(message.uid())));
            flagsDone = true;
            if (session.enabled(ImapSession.CONDSTORE) && !request.simpleItems().contains("MODSEQ")) {
                response.atom("MODSEQ").atom("(" + message.modseq() + ")");
            }
        }
        for (String item : request.simpleItems()) {
            switch (item) {
                case "UID" -> {
                    response.atom("UID").number(message.uid());
                    uidDone = true;
                }
                case "FLAGS" -> response.atom("FLAGS").atom(FlagsFormat.render(message.flags(), view.isRecent(message.uid())));
                case "MODSEQ" -> response.atom("MODSEQ").atom("(" + message.modseq() + ")");
                case "INTERNALDATE" -> response.atom("INTERNALDATE").string(internalDate(message.entry().internalDate()));
                case "RFC822.SIZE" -> response.atom("RFC822.SIZE").number(message.entry().size());
                case "ENVELOPE" -> {
                    response.atom("ENVELOPE");
                    StructureFormat.envelope(response, message.entry().envelope());
                }
                case "BODYSTRUCTURE", "BODY" -> {
                    response.atom(item);
                    StructureFormat.body(response, message.entry().bodyStructure(), item.equals("BODYSTRUCTURE"));
                }
                case "RFC822" -> response.atom("RFC822").literal(content);
                case "RFC822.HEADER" -> response.atom("RFC822.HEADER")
                        .literal(SectionExtractor.extract(content, new BodySection(List.of(), "HEADER", List.of(), true, -1, -1)));
                case "RFC822.TEXT" -> response.atom("RFC822.TEXT")
                        .literal(SectionExtractor.extract(content, new BodySection(List.of(), "TEXT", List.of(), false, -1, -1)));
                default -> throw new IllegalStateException("unhandled FETCH item " + item);
            }
        }
        for (BodySection section : request.sections()) {
            byte[] bytes = SectionExtractor.extract(content, section);
            response.atom(section.responseName());
            if (section.partialStart() >= 0) {
                int from = (int) Math.min(section.partialStart(), bytes.length);
                int length = (int) Math.min(section.partialLength(), bytes.length - from);
                response.literal(bytes, from, length);
            } else {
                response.literal(bytes);
            }
        }
        for (BinarySection binary : request.binaries()) {
            byte[] bytes = SectionExtractor.decoded(content, binary.path());
            response.atom(binary.responseName());
            if (binary.sizeOnly()) {
                response.number(bytes.length);
            } else {
                int from = binary.partialStart() < 0 ? 0 : (int) Math.min(binary.partialStart(), bytes.length);
                int length = binary.partialStart() < 0 ? bytes.length : (int) Math.min(binary.partialLength(), bytes.length - from);
                response.literal8(bytes, from, length);
            }
        }
        if (!uidDone) {
            response.atom("UID").number(message.uid());
        }
        return response.close().toBytes();
    }

    private static String internalDate(OffsetDateTime date) {
        return INTERNAL_DATE.format(date);
    }
}

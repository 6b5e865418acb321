package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapResponseBuilder;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.RecentClaims;
import io.mailfleet.imap.store.MessageIndex;
import io.mailfleet.mailstore.MailboxState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The STATUS data items (RFC 9051 6.3.11, DELETED-STORAGE of RFC 9208 4.2.3) and the {@code * STATUS} response; shared by STATUS and LIST-STATUS. */
@ApplicationScoped
public class StatusItems {

    private static final Set<String> KNOWN = Set.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "RECENT", "SIZE", "DELETED",
            "DELETED-STORAGE", "HIGHESTMODSEQ");

    private final MessageIndex index;
    private final RecentClaims recentClaims;

    StatusItems(MessageIndex index, RecentClaims recentClaims) {
        this.index = index;
        this.recentClaims = recentClaims;
    }

    /** {@code (item item …)}, upper-cased, unknown items are BAD. */
    public static List<String> read(ImapArgumentReader args) {
        args.expect('(');
        List<String> items = new ArrayList<>();
        args.skipSpaces();
        while (!args.consumeIf(')')) {
            if (!items.isEmpty()) {
                args.sp();
                if (args.consumeIf(')')) {
                    break;
                }
            }
            String item = args.atom().toUpperCase(Locale.ROOT);
            if (!KNOWN.contains(item)) {
                throw new ImapSyntaxException("unknown STATUS item " + item);
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            throw new ImapSyntaxException("no STATUS items");
        }
        return items;
    }

    public Uni<byte[]> response(ImapSession session, MailboxState state, List<String> items) {
        Uni<MessageIndex.Deleted> deleted = items.contains("DELETED") || items.contains("DELETED-STORAGE")
                ? index.deleted(session.accountId(), state.id()) : Uni.createFrom().item(new MessageIndex.Deleted(0, 0));
        Uni<Long> recent = items.contains("RECENT")
                ? index.changedSince(session.accountId(), state.id(), 0)
                        .map(entries -> entries.stream().filter(e -> e.uid() > recentClaims.claimedUpTo(state.id())).count())
                : Uni.createFrom().item(0L);
        return Uni.combine().all().unis(deleted, recent).asTuple().map(counts -> {
            ImapResponseBuilder response = ImapResponseBuilder.untagged(session.utf8()).atom("STATUS")
                    .string(MailboxNames.wire(state.name(), session)).open();
            for (String item : items) {
                long value = switch (item) {
                    case "MESSAGES" -> state.messages();
                    case "UIDNEXT" -> state.uidNext();
                    case "UIDVALIDITY" -> state.uidValidity();
                    case "UNSEEN" -> state.unseen();
                    case "RECENT" -> counts.getItem2();
                    case "SIZE" -> state.size();
                    case "DELETED" -> counts.getItem1().messages();
                    case "DELETED-STORAGE" -> QuotaProcessor.kibibytes(counts.getItem1().octets());
                    default -> state.highestModseq();
                };
                response.atom(item).number(value);
            }
            return response.close().toBytes();
        });
    }
}

package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapResponseBuilder;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.protocol.MailboxNameCodec;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.MailboxState;
import io.mailfleet.mailstore.Mailboxes;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * LIST with LIST-EXTENDED (RFC 5258: selection SUBSCRIBED / SPECIAL-USE, RETURN SUBSCRIBED / CHILDREN /
 * SPECIAL-USE), LIST-STATUS (RFC 5819) and SPECIAL-USE attributes (RFC 6154, always shown); and LSUB.
 * Superiors that do not exist but have children are listed as {@code \NonExistent} ({@code \Noselect} for rev1).
 */
@ApplicationScoped
public class ListProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;
    private final StatusItems statusItems;

    ListProcessor(Mailboxes mailboxes, StatusItems statusItems) {
        this.mailboxes = mailboxes;
        this.statusItems = statusItems;
    }

    private record Options(boolean selectSubscribed, boolean selectSpecialUse, boolean returnSubscribed, List<String> status) {
    }

    @Override
    public Set<String> names() {
        return Set.of("LIST", "LSUB");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        boolean lsub = command.name().equals("LSUB");
        ImapArgumentReader args = command.args();
        args.sp();
        boolean selectSubscribed = lsub;
        boolean selectSpecialUse = false;
        if (!lsub && args.peek() == '(') {
            for (String option : atomList(args)) {
                switch (option) {
                    case "SUBSCRIBED" -> selectSubscribed = true;
                    case "SPECIAL-USE" -> selectSpecialUse = true;
                    case "REMOTE", "RECURSIVEMATCH" -> { }
                    default -> throw new ImapSyntaxException("unknown LIST selection option " + option);
                }
            }
            args.sp();
        }
        String reference = MailboxNameCodec.decode(args.astring(), session.utf8());
        args.sp();
        List<String> patterns = new ArrayList<>();
        if (!lsub && args.peek() == '(') {
            args.expect('(');
            do {
                patterns.add(MailboxNameCodec.decode(args.listMailbox(), session.utf8()));
            } while (args.consumeIf(' '));
            args.expect(')');
        } else {
            patterns.add(MailboxNameCodec.decode(args.listMailbox(), session.utf8()));
        }
        boolean returnSubscribed = selectSubscribed && !lsub;
        List<String> status = List.of();
        if (!lsub && !args.atEnd()) {
            args.sp();
            if (!args.atom().equalsIgnoreCase("RETURN")) {
                throw new ImapSyntaxException("expected RETURN");
            }
            args.sp();
            args.expect('(');
            boolean first = true;
            while (!args.consumeIf(')')) {
                if (!first) {
                    args.sp();
                }
                first = false;
                String option = args.atom().toUpperCase(Locale.ROOT);
                switch (option) {
                    case "SUBSCRIBED" -> returnSubscribed = true;
                    case "CHILDREN", "SPECIAL-USE" -> { }
                    case "STATUS" -> {
                        args.sp();
                        status = StatusItems.read(args);
                    }
                    default -> throw new ImapSyntaxException("unknown LIST return option " + option);
                }
            }
        }
        args.end();
        if (patterns.size() == 1 && patterns.get(0).isEmpty()) {
            // LIST "" "": the hierarchy delimiter and root
            out.untagged((lsub ? "LSUB" : "LIST") + " (\\Noselect) \"/\" \"\"");
            return Uni.createFrom().item(Completion.ok(command.name() + " completed."));
        }
        Options options = new Options(selectSubscribed, selectSpecialUse, returnSubscribed, status);
        List<MailboxPattern> compiled = patterns.stream().map(pattern -> MailboxPattern.of(reference, pattern)).toList();
        return mailboxes.list(session.accountId()).chain(all -> respond(command, session, out, all, compiled, options, lsub));
    }

    private Uni<Completion> respond(ImapCommand command, ImapSession session, ImapResponder out, List<MailboxState> all,
                                    List<MailboxPattern> patterns, Options options, boolean lsub) {
        Map<String, MailboxState> byName = new TreeMap<>();
        all.forEach(state -> byName.put(state.name(), state));
        Set<String> implied = new java.util.TreeSet<>();
        for (String name : byName.keySet()) {
            for (int i = name.indexOf(Mailboxes.DELIMITER); i > 0; i = name.indexOf(Mailboxes.DELIMITER, i + 1)) {
                if (!byName.containsKey(name.substring(0, i))) {
                    implied.add(name.substring(0, i));
                }
            }
        }
        Set<String> names = new java.util.TreeSet<>(byName.keySet());
        names.addAll(implied);
        List<Uni<Void>> statusResponses = new ArrayList<>();
        for (String name : names) {
            if (patterns.stream().noneMatch(pattern -> pattern.matches(name))) {
                continue;
            }
            MailboxState state = byName.get(name);
            if (state == null && (options.selectSubscribed() || options.selectSpecialUse())) {
                continue;
            }
            if (options.selectSubscribed() && !state.subscribed()) {
                continue;
            }
            if (options.selectSpecialUse() && state.specialUse().isEmpty()) {
                continue;
            }
            List<String> attributes = new ArrayList<>();
            if (state == null) {
                attributes.add(session.rev2() ? "\\NonExistent" : "\\Noselect");
            }
            if (!lsub) {
                boolean children = names.stream().anyMatch(other -> other.startsWith(name + Mailboxes.DELIMITER));
                attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
                if (state != null && options.returnSubscribed() && state.subscribed()) {
                    attributes.add("\\Subscribed");
                }
                if (state != null) {
                    state.specialUse().ifPresent(use -> attributes.add(use.attribute()));
                }
            }
            out.write(ImapResponseBuilder.untagged(session.utf8()).atom(lsub ? "LSUB" : "LIST")
                    .atom("(" + String.join(" ", attributes) + ")").string("/")
                    .string(MailboxNames.wire(name, session)).toBytes());
            if (state != null && !options.status().isEmpty()) {
                statusResponses.add(statusItems.response(session, state, options.status()).invoke(out::write).replaceWithVoid());
            }
        }
        if (statusResponses.isEmpty()) {
            return Uni.createFrom().item(Completion.ok(command.name() + " completed."));
        }
        return Multi.createFrom().iterable(statusResponses).onItem().transformToUniAndConcatenate(uni -> uni)
                .collect().last().replaceWith(Completion.ok(command.name() + " completed."));
    }

    private static List<String> atomList(ImapArgumentReader args) {
        args.expect('(');
        List<String> atoms = new ArrayList<>();
        while (!args.consumeIf(')')) {
            if (!atoms.isEmpty()) {
                args.sp();
            }
            atoms.add(args.atom().toUpperCase(Locale.ROOT));
        }
        return atoms;
    }
}

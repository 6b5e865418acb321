package io.mailfleet.imap.command.mailbox;

import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.imap.changes.MailboxChangeNotifier;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.session.FlagsFormat;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.Messages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * APPEND mailbox [flags] [date-time] literal, answered with APPENDUID (UIDPLUS, RFC 4315). A missing
 * mailbox is {@code NO [TRYCREATE]}. The literal's size limit was enforced while framing (NO [TOOBIG]).
 */
@ApplicationScoped
public class AppendProcessor implements ImapProcessor {

    private final Mailboxes mailboxes;
    private final Messages messages;
    private final MailboxChangeNotifier notifier;

    AppendProcessor(Mailboxes mailboxes, Messages messages, MailboxChangeNotifier notifier) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.notifier = notifier;
    }

    @Override
    public Set<String> names() {
        return Set.of("APPEND");
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
        args.sp();
        Flags flags = Flags.NONE;
        if (args.peek() == '(') {
            List<String> list = args.flagList();
            flags = FlagsFormat.parse(list);
            args.sp();
        }
        OffsetDateTime internalDate = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        if (args.peek() == '"') {
            internalDate = args.dateTime();
            args.sp();
        }
        byte[] message = args.string();
        args.end();
        Flags appendFlags = flags;
        OffsetDateTime date = internalDate;
        String account = session.accountId();
        return mailboxes.state(account, name).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Completion.no("[TRYCREATE] no such mailbox"));
            }
            return messages.append(account, found.get().id(), message, appendFlags, date)
                    .invoke(result -> notifier.changed(account, result.mailboxId(), result.uidValidity(), MailboxChange.Kind.APPENDED,
                            List.of(result.uid()), result.modseq()))
                    .map(result -> Completion.ok("[APPENDUID " + result.uidValidity() + " " + result.uid() + "] APPEND completed."));
        });
    }
}

package io.mailfleet.imap.command.mailbox;

import io.mailfleet.mailstore.MailboxChange;
import io.mailfleet.imap.changes.MailboxChangeNotifier;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.imap.session.FlagsFormat;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.AppendResult;
import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.NewMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * APPEND mailbox [flags] [date-time] literal, and MULTIAPPEND (RFC 3502): any number of them in one command,
 * stored all or none in one mailstore transaction. Answered with APPENDUID (UIDPLUS, RFC 4315) naming every
 * new UID. A missing mailbox is {@code NO [TRYCREATE]}. Literal and command size limits were enforced while
 * framing (NO [TOOBIG] / BAD [TOOBIG]).
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
        List<NewMessage> appended = new ArrayList<>();
        do {
            args.sp();
            appended.add(message(args, session));
        } while (!args.atEnd());
        args.end();
        String account = session.accountId();
        return mailboxes.state(account, name).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Completion.no("[TRYCREATE] no such mailbox"));
            }
            return messages.appendAll(account, found.get().id(), appended).map(results -> {
                AppendResult first = results.get(0);
                List<Long> uids = results.stream().map(AppendResult::uid).toList();
                notifier.changed(account, first.mailboxId(), first.uidValidity(), MailboxChange.Kind.APPENDED, uids, first.modseq());
                return Completion.ok("[APPENDUID " + first.uidValidity() + " " + SequenceSet.format(uids) + "] APPEND completed.");
            });
        });
    }

    /**
     * {@code [flag-list SP] [date-time SP] literal}, or {@code … UTF8 (~{n}…)} once UTF8=ACCEPT is enabled
     * (RFC 6855 4: a message with UTF-8 headers): one message of the command.
     */
    private static NewMessage message(ImapArgumentReader args, ImapSession session) {
        Flags flags = Flags.NONE;
        if (args.peek() == '(') {
            flags = FlagsFormat.parse(args.flagList());
            args.sp();
        }
        OffsetDateTime internalDate = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        if (args.peek() == '"') {
            internalDate = args.dateTime();
            args.sp();
        }
        byte[] message;
        if (args.peek() == 'U' || args.peek() == 'u') {
            if (!args.atom().equalsIgnoreCase("UTF8") || !session.enabled(ImapSession.UTF8_ACCEPT)) {
                throw new ImapSyntaxException("UTF8 message data needs ENABLE UTF8=ACCEPT");
            }
            args.sp();
            args.expect('(');
            if (args.peek() != '~') {
                throw new ImapSyntaxException("UTF8 message data is a literal8");
            }
            message = args.string();
            args.expect(')');
        } else {
            message = args.string();
        }
        return new NewMessage(message, flags, internalDate);
    }
}

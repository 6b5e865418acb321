package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.command.MailboxNames;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapResponseBuilder;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.AccountUsage;
import io.mailfleet.mailstore.MailAccounts;
import io.mailfleet.mailstore.Mailboxes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * QUOTA (RFC 9208) over the mailstore's per-account quota: one quota root, {@code ""}, the whole account, with
 * the STORAGE (units of 1024 octets) and MESSAGE resources that are limited. An account without any limit has
 * no quota root. Quotas are the tenant administrator's to set, so SETQUOTA is refused.
 */
@ApplicationScoped
public class QuotaProcessor implements ImapProcessor {

    static final String ROOT = "";

    private final MailAccounts accounts;
    private final Mailboxes mailboxes;

    QuotaProcessor(MailAccounts accounts, Mailboxes mailboxes) {
        this.accounts = accounts;
        this.mailboxes = mailboxes;
    }

    @Override
    public Set<String> names() {
        return Set.of("GETQUOTA", "GETQUOTAROOT", "SETQUOTA");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        return switch (command.name()) {
            case "GETQUOTAROOT" -> {
                String mailbox = MailboxNames.read(args, session);
                args.end();
                yield mailboxes.state(session.accountId(), mailbox).chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Completion.no("[NONEXISTENT] no such mailbox"));
                    }
                    return accounts.usage(session.accountId()).map(usage -> {
                        ImapResponseBuilder roots = ImapResponseBuilder.untagged(session.utf8()).atom("QUOTAROOT")
                                .string(MailboxNames.wire(found.get().name(), session));
                        boolean limited = limited(usage);
                        if (limited) {
                            roots.string(ROOT);
                        }
                        out.write(roots.toBytes());
                        if (limited) {
                            out.write(quota(usage, session));
                        }
                        return Completion.ok("GETQUOTAROOT completed.");
                    });
                });
            }
            case "GETQUOTA" -> {
                String root = args.astring();
                args.end();
                yield accounts.usage(session.accountId()).map(usage -> {
                    if (!root.equals(ROOT) || !limited(usage)) {
                        return Completion.no("[NONEXISTENT] no such quota root");
                    }
                    out.write(quota(usage, session));
                    return Completion.ok("GETQUOTA completed.");
                });
            }
            default -> {
                args.astring();
                args.sp();
                args.expect('(');
                while (!args.consumeIf(')')) {
                    args.skipSpaces();
                    args.atom();
                    args.sp();
                    args.number();
                }
                args.end();
                yield Uni.createFrom().item(Completion.no("[NOPERM] quotas are set by the tenant administrator"));
            }
        };
    }

    private static boolean limited(AccountUsage usage) {
        return usage.quotaBytes().isPresent() || usage.quotaMessages().isPresent();
    }

    /** {@code * QUOTA "" (STORAGE used limit MESSAGE used limit)}, the limited resources only. */
    private static byte[] quota(AccountUsage usage, ImapSession session) {
        ImapResponseBuilder quota = ImapResponseBuilder.untagged(session.utf8()).atom("QUOTA").string(ROOT).open();
        usage.quotaBytes().ifPresent(limit -> quota.atom("STORAGE").number(kibibytes(usage.usedBytes())).number(limit / 1024));
        usage.quotaMessages().ifPresent(limit -> quota.atom("MESSAGE").number(usage.usedMessages()).number(limit));
        return quota.close().toBytes();
    }

    /** RFC 9208's storage unit, 1024 octets, rounded up: a non-empty mailbox never shows 0. */
    static long kibibytes(long octets) {
        return (octets + 1023) / 1024;
    }
}

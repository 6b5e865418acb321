package io.mailfleet.imap.command.anystate;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** RFC 2971 ID: the client's field list is read (and checked) but not kept; the server names itself. */
@ApplicationScoped
public class IdProcessor implements ImapProcessor {

    private static final int MAX_FIELDS = 30;

    @Override
    public Set<String> names() {
        return Set.of("ID");
    }

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        if (args.peek() == '(') {
            args.expect('(');
            int fields = 0;
            while (!args.consumeIf(')')) {
                if (fields > 0) {
                    args.sp();
                }
                args.string();
                args.sp();
                args.nstring();
                if (++fields > MAX_FIELDS) {
                    throw new ImapSyntaxException("too many ID fields");
                }
            }
        } else {
            args.nstring();
        }
        args.end();
        out.untagged("ID (\"name\" \"Mailfleet\" \"vendor\" \"Mailfleet\")");
        return Uni.createFrom().item(Completion.ok("ID completed."));
    }
}

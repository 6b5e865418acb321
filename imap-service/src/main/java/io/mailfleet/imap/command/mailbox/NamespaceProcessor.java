package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** NAMESPACE (RFC 2342): one personal namespace, no prefix, "/" as delimiter; no shared or other users' namespaces. */
@ApplicationScoped
public class NamespaceProcessor implements ImapProcessor {

    @Override
    public Set<String> names() {
        return Set.of("NAMESPACE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        command.args().end();
        out.untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        return Uni.createFrom().item(Completion.ok("NAMESPACE completed."));
    }
}

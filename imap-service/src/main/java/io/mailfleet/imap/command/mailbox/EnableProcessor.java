package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** RFC 5161 ENABLE: IMAP4rev2 and CONDSTORE (RFC 7162) can be enabled; others are ignored as the RFC asks. */
@ApplicationScoped
public class EnableProcessor implements ImapProcessor {

    private static final Set<String> ENABLEABLE = Set.of(ImapSession.IMAP4REV2, ImapSession.CONDSTORE, ImapSession.UTF8_ACCEPT,
            ImapSession.QRESYNC);

    @Override
    public Set<String> names() {
        return Set.of("ENABLE");
    }

    @Override
    public Set<SessionState> states() {
        return Set.of(SessionState.AUTHENTICATED);
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        List<String> enabled = new ArrayList<>();
        do {
            args.sp();
            String capability = args.atom();
            String key = capability.toUpperCase(Locale.ROOT);
            if (ENABLEABLE.contains(key) && session.enable(key)) {
                enabled.add(capability);
            }
            if (key.equals(ImapSession.QRESYNC)) {
                session.enable(ImapSession.CONDSTORE); // RFC 7162 3.2.3: QRESYNC implies CONDSTORE
            }
        } while (!args.atEnd());
        out.untagged("ENABLED" + (enabled.isEmpty() ? "" : " " + String.join(" ", enabled)));
        return Uni.createFrom().item(Completion.ok("ENABLE completed."));
    }
}

package io.mailfleet.imap.command.anystate;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Set;

/**
 * COMPRESS DEFLATE (RFC 4978): after the tagged OK both directions are raw DEFLATE streams (the connection
 * does the work). Offered once logged in, when the session is worth compressing; a second COMPRESS is
 * {@code NO [COMPRESSIONACTIVE]}.
 */
@ApplicationScoped
public class CompressProcessor implements ImapProcessor {

    @Override
    public Set<String> names() {
        return Set.of("COMPRESS");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        String mechanism = args.atom().toUpperCase(Locale.ROOT);
        args.end();
        if (!mechanism.equals("DEFLATE")) {
            return Uni.createFrom().item(Completion.bad("unknown compression mechanism " + mechanism));
        }
        if (session.channel().compressed()) {
            return Uni.createFrom().item(Completion.no("[COMPRESSIONACTIVE] DEFLATE is already active"));
        }
        session.channel().compressAfterCompletion();
        return Uni.createFrom().item(Completion.ok("DEFLATE active"));
    }
}

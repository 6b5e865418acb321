package io.mailfleet.imap.command;

import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.MailboxSynchronizer;
import io.mailfleet.imap.session.SessionState;
import io.mailfleet.mailstore.MailstoreException;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one framed command: reads tag and name, finds the command's processor, checks the session state,
 * lets the processor work, announces what changed in the selected mailbox meanwhile, and writes the
 * tagged completion. Every failure becomes a protocol answer: BAD for syntax, NO with a response code
 * for refusals, {@code NO [SERVERBUG]} for the unexpected (logged, never shown).
 */
@ApplicationScoped
public class ImapCommandDispatcher {

    private static final Logger LOG = Logger.getLogger(ImapCommandDispatcher.class);

    private final Map<String, ImapProcessor> processors = new HashMap<>();
    private final MailboxSynchronizer synchronizer;

    ImapCommandDispatcher(@All List<ImapProcessor> all, MailboxSynchronizer synchronizer) {
        for (ImapProcessor processor : all) {
            processor.names().forEach(name -> processors.put(name, processor));
        }
        this.synchronizer = synchronizer;
    }

    public Uni<Void> dispatch(byte[] raw, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = new ImapArgumentReader(raw);
        String tag;
        String name;
        boolean uid = false;
        try {
            tag = args.tag();
        } catch (ImapSyntaxException e) {
            out.untagged("BAD invalid tag");
            return Uni.createFrom().voidItem();
        }
        try {
            args.sp();
            name = args.atom().toUpperCase(Locale.ROOT);
            if (name.equals("UID")) {
                args.sp();
                name = args.atom().toUpperCase(Locale.ROOT);
                uid = true;
            }
        } catch (ImapSyntaxException e) {
            out.write(Completion.bad("missing command").line(tag).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Uni.createFrom().voidItem();
        }
        ImapProcessor processor = processors.get(name);
        Uni<Completion> result;
        if (processor == null || (uid && !processor.uidVariant())) {
            result = Uni.createFrom().item(Completion.bad("unknown command " + (uid ? "UID " : "") + name));
        } else if (!processor.states().contains(session.state())) {
            result = Uni.createFrom().item(Completion.bad(name + " is not valid in the "
                    + session.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " state"));
        } else {
            ImapCommand command = new ImapCommand(tag, name, uid, args);
            result = Uni.createFrom().deferred(() -> processor.process(command, session, out))
                    .onFailure().recoverWithItem(ImapCommandDispatcher::completionFor)
                    .call(completion -> !completion.status().equals("BAD") && session.state() == SessionState.SELECTED
                            ? synchronizer.synchronize(session, out, processor.announcesExpunges(command))
                                    .onFailure().invoke(e -> LOG.warn("mailbox synchronisation failed", e))
                                    .onFailure().recoverWithNull()
                            : Uni.createFrom().voidItem());
        }
        String commandTag = tag;
        return result.invoke(completion -> out.write(completion.line(commandTag).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .replaceWithVoid();
    }

    static Completion completionFor(Throwable failure) {
        if (failure instanceof ImapSyntaxException syntax) {
            return Completion.bad(syntax.getMessage());
        }
        if (failure instanceof MailstoreException refused) {
            return switch (refused.reason()) {
                case NO_SUCH_MAILBOX, NO_SUCH_ACCOUNT -> Completion.no("[NONEXISTENT] no such mailbox");
                case MAILBOX_EXISTS -> Completion.no("[ALREADYEXISTS] mailbox already exists");
                case MAILBOX_PROTECTED -> Completion.no("[CANNOT] " + refused.getMessage());
                case OVER_QUOTA -> Completion.no("[OVERQUOTA] quota exceeded");
            };
        }
        LOG.error("IMAP command failed", failure);
        return Completion.no("[SERVERBUG] internal error, please try again");
    }
}

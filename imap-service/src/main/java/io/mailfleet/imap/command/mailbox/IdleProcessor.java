package io.mailfleet.imap.command.mailbox;

import io.mailfleet.imap.changes.MailboxWatchers;
import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.command.ImapProcessor;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.MailboxSynchronizer;
import io.mailfleet.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * IDLE (RFC 2177): the session waits for DONE while changes to its mailbox, announced on
 * {@code mailbox.changes} by any replica or by delivery, are pushed to the client as they happen. One
 * resynchronisation runs at a time; changes arriving meanwhile are folded into one more.
 */
@ApplicationScoped
public class IdleProcessor implements ImapProcessor {

    private static final Logger LOG = Logger.getLogger(IdleProcessor.class);

    private final MailboxWatchers watchers;
    private final MailboxSynchronizer synchronizer;

    IdleProcessor(MailboxWatchers watchers, MailboxSynchronizer synchronizer) {
        this.watchers = watchers;
        this.synchronizer = synchronizer;
    }

    @Override
    public Set<String> names() {
        return Set.of("IDLE");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        command.args().end();
        return Uni.createFrom().emitter(emitter -> new Idle(session, out, emitter).start());
    }

    /** One IDLE command; all its state changes happen on the connection's event loop. */
    private final class Idle implements MailboxWatchers.Watcher {

        private final ImapSession session;
        private final ImapResponder out;
        private final UniEmitter<? super Completion> emitter;
        private final long mailboxId;
        private boolean syncing;
        private boolean dirty;
        private Completion finished;

        Idle(ImapSession session, ImapResponder out, UniEmitter<? super Completion> emitter) {
            this.session = session;
            this.out = out;
            this.emitter = emitter;
            this.mailboxId = session.selected() == null ? -1 : session.selected().id();
        }

        void start() {
            session.idling(true);
            watchers.watch(session.accountId(), this);
            session.channel().onClose(this::stopWatching);
            out.continuation("idling");
            session.channel().lineMode(this::line);
            // changes made between the previous command and now
            changed();
        }

        private void line(String line) {
            session.channel().commandMode();
            finish(line.equalsIgnoreCase("DONE") ? Completion.ok("IDLE terminated") : Completion.bad("expected DONE"));
        }

        @Override
        public long mailboxId() {
            return mailboxId;
        }

        @Override
        public void changed() {
            session.channel().runOnContext(() -> {
                if (finished != null || session.selected() == null) {
                    return;
                }
                if (syncing) {
                    dirty = true;
                    return;
                }
                syncing = true;
                synchronizer.synchronize(session, out, true).subscribe().with(
                        done -> session.channel().runOnContext(this::synced),
                        failure -> {
                            LOG.warn("IDLE resynchronisation failed", failure);
                            session.channel().runOnContext(this::synced);
                        });
            });
        }

        private void synced() {
            syncing = false;
            if (finished != null) {
                complete();
            } else if (dirty) {
                dirty = false;
                changed();
            }
        }

        private void finish(Completion completion) {
            finished = completion;
            stopWatching();
            if (!syncing) {
                complete();
            }
        }

        private void complete() {
            session.idling(false);
            emitter.complete(finished);
        }

        private void stopWatching() {
            watchers.unwatch(session.accountId(), this);
        }
    }
}

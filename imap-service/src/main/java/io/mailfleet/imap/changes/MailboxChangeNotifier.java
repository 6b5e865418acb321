package io.mailfleet.imap.changes;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.mailfleet.mailstore.MailboxChange;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Announces this service's own writes on {@code mailbox.changes} so IDLE sessions on every replica hear
 * of them, and tells this replica's watchers at once. Best effort by design: the write is committed
 * already, and a session that misses a notification still sees the change at its next command.
 */
@ApplicationScoped
public class MailboxChangeNotifier {

    private static final Logger LOG = Logger.getLogger(MailboxChangeNotifier.class);

    private final MutinyEmitter<String> emitter;
    private final MailboxWatchers watchers;

    MailboxChangeNotifier(@Channel("mailbox-changes-out") MutinyEmitter<String> emitter, MailboxWatchers watchers) {
        this.emitter = emitter;
        this.watchers = watchers;
    }

    public void changed(String accountId, long mailboxId, long uidValidity, MailboxChange.Kind kind, List<Long> uids, long modseq) {
        if (uids.isEmpty()) {
            return;
        }
        MailboxChange change = new MailboxChange(accountId, mailboxId, uidValidity, kind, uids, modseq);
        watchers.changed(change);
        Message<String> message = Message.of(change.toJson())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(accountId).build());
        emitter.sendMessage(message).subscribe().with(
                done -> { },
                failure -> LOG.warnf("mailbox.changes not published for account %s: %s", accountId, failure.getMessage()));
    }
}

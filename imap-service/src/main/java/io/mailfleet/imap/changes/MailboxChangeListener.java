package io.mailfleet.imap.changes;

import io.mailfleet.mailstore.MailboxChange;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code mailbox.changes} (every replica in its own consumer group, from the latest offset: only
 * live sessions care) and wakes this replica's IDLE sessions of the account.
 */
@ApplicationScoped
public class MailboxChangeListener {

    private static final Logger LOG = Logger.getLogger(MailboxChangeListener.class);

    private final MailboxWatchers watchers;

    MailboxChangeListener(MailboxWatchers watchers) {
        this.watchers = watchers;
    }

    @Incoming("mailbox-changes")
    public void onChange(String json) {
        MailboxChange change;
        try {
            change = MailboxChange.fromJson(json);
        } catch (RuntimeException malformed) {
            LOG.warnf("ignoring malformed mailbox.changes record: %s", malformed.getMessage());
            return;
        }
        watchers.changed(change);
    }
}

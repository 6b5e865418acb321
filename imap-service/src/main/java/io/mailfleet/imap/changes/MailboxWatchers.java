package io.mailfleet.imap.changes;

import io.mailfleet.mailstore.MailboxChange;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions of this replica waiting to hear about changes (IDLE), by account. */
@ApplicationScoped
public class MailboxWatchers {

    /** A session in IDLE: told when a mailbox of its account changed. */
    public interface Watcher {
        long mailboxId();

        /** Called from any thread; the watcher hops to its own event loop. */
        void changed();
    }

    private final Map<String, Set<Watcher>> byAccount = new ConcurrentHashMap<>();

    public void watch(String accountId, Watcher watcher) {
        byAccount.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    }

    public void unwatch(String accountId, Watcher watcher) {
        byAccount.computeIfPresent(accountId, (id, watchers) -> {
            watchers.remove(watcher);
            return watchers.isEmpty() ? null : watchers;
        });
    }

    public void changed(MailboxChange change) {
        Set<Watcher> watchers = byAccount.get(change.accountId());
        if (watchers == null) {
            return;
        }
        for (Watcher watcher : watchers) {
            if (change.mailboxId() == watcher.mailboxId()) {
                watcher.changed();
            }
        }
    }

    public int watching() {
        return byAccount.values().stream().mapToInt(Set::size).sum();
    }
}

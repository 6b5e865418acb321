package io.mailfleet.spam;

import io.mailfleet.events.MailRecord;
import io.smallrye.mutiny.Uni;

/** Decides what happens to one message. Checks that do I/O (DNS, Redis) return without blocking. */
public interface MessageScorer {

    /**
     * @return the scored record: the verdict set, and the content with the filter's header fields added on top (the
     *         original octets otherwise unchanged)
     */
    Uni<MailRecord> score(MailRecord mail);
}

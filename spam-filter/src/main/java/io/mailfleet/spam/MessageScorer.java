package io.mailfleet.spam;

import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Verdict;
import io.smallrye.mutiny.Uni;

/** Decides what happens to one message. Checks that do I/O (DNS, Redis) return without blocking. */
public interface MessageScorer {

    Uni<Verdict> score(MailRecord mail);
}

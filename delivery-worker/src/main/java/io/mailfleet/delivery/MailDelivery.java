package io.mailfleet.delivery;

import io.mailfleet.events.MailRecord;
import io.smallrye.mutiny.Uni;

import java.util.List;

/** Puts scored messages where they belong: local mailboxes and/or the outbound relay. */
public interface MailDelivery {

    /**
     * Completes once every message of the batch is durably stored or handed on. A failure has the whole
     * batch retried, which is safe: every step is idempotent.
     */
    Uni<Void> deliver(List<MailRecord> batch);
}

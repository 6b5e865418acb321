package io.mailfleet.delivery;

import io.mailfleet.events.MailRecord;
import io.smallrye.mutiny.Uni;

/** Puts one scored message where it belongs: local mailboxes and/or the outbound relay. */
public interface MailDelivery {

    /** Completes once the message is durably stored or handed on; fails to have the record retried. */
    Uni<Void> deliver(MailRecord mail);
}

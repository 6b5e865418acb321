package io.mailfleet.delivery;

import io.mailfleet.events.MailRecord;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Stands in until the mailstore exists: it records that the message reached the end of the pipeline.
 * Replaced by the mailstore-backed delivery (issue "Mailstore and local delivery").
 */
@ApplicationScoped
@DefaultBean
public class PendingMailDelivery implements MailDelivery {

    private static final Logger LOG = Logger.getLogger(PendingMailDelivery.class);

    @Override
    public Uni<Void> deliver(MailRecord mail) {
        LOG.infof("message %s for %d recipient(s) reached delivery; no mailstore yet",
                mail.key(), mail.envelope().recipients().size());
        return Uni.createFrom().voidItem();
    }
}

package io.mailfleet.spam.dmarc;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * dmarc.results → schema dmarc. The record is acknowledged after the row is written (at-least-once; the primary key makes a
 * redelivery harmless); a record that is not an evaluation goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class DmarcResultRecorder {

    private final DmarcEvaluationStore store;

    public DmarcResultRecorder(DmarcEvaluationStore store) {
        this.store = store;
    }

    @Incoming("dmarc-results-store")
    public Uni<Void> record(String json) {
        return store.store(json);
    }
}

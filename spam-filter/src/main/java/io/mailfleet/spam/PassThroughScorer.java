package io.mailfleet.spam;

import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Verdict;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The stage before any check exists: every message is delivered with an empty verdict. */
@ApplicationScoped
@DefaultBean
public class PassThroughScorer implements MessageScorer {

    @Override
    public Uni<Verdict> score(MailRecord mail) {
        return Uni.createFrom().item(Verdict.empty());
    }
}

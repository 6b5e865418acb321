package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * A check that only reads the message (no network, no storage): it can run synchronously, which is how spam-eval runs the
 * content pipeline outside the service.
 */
public interface ContentCheck extends SpamCheck {

    List<Verdict.Symbol> evaluate(ScanContext context);

    @Override
    default Uni<List<Verdict.Symbol>> check(ScanContext context) {
        return Uni.createFrom().item(() -> evaluate(context));
    }
}

package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * One independent check. It names what it found as symbols with scores; {@link VerdictPolicy} alone turns the sum into an
 * action. Checks doing I/O return without blocking; a check must not fail the message: trouble is a symbol, not an exception.
 */
public interface SpamCheck {

    Uni<List<Verdict.Symbol>> check(ScanContext context);
}

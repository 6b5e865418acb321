package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.SpamFilterConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** A symbol's score: the built-in default unless {@code mailfleet.spam.scores.NAME} overrides it. */
@ApplicationScoped
public class SymbolScores {

    private final SpamFilterConfig config;

    public SymbolScores(SpamFilterConfig config) {
        this.config = config;
    }

    public Verdict.Symbol symbol(String name, double defaultScore, String detail) {
        return new Verdict.Symbol(name, config.scores().getOrDefault(name, defaultScore), detail);
    }
}

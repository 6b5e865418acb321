package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.SpamFilterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** A symbol's score: the built-in default unless {@code mailfleet.spam.scores.NAME} overrides it. */
@ApplicationScoped
public class SymbolScores {

    private final Map<String, Double> overrides;

    @Inject
    public SymbolScores(SpamFilterConfig config) {
        this(config.scores());
    }

    public SymbolScores(Map<String, Double> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public Verdict.Symbol symbol(String name, double defaultScore, String detail) {
        return new Verdict.Symbol(name, overrides.getOrDefault(name, defaultScore), detail);
    }
}

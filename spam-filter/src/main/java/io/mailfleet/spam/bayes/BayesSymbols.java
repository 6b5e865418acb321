package io.mailfleet.spam.bayes;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.verdict.SymbolScores;

import java.util.List;
import java.util.Locale;

/** The Bayes opinion as one of SpamAssassin's familiar BAYES_nn symbols. */
public final class BayesSymbols {

    /** Lower bound of the probability band, its symbol and default score; the first band that fits wins. */
    private record Band(double from, String name, double score) {
    }

    /*
     * Chosen on the corpus groups easy-ham-1 and spam-1 only (docs/spam-filter.md), by the rule "the highest recall whose
     * false-positive rate stays within the 0.5 % target in blocked 2-fold cross-validation" (train on one half of each group
     * by file number, test on the other: mail from other times and sources). Alone, only p ≥ 0.9999 reaches the junk
     * threshold; lower bands need rules to help.
     */
    private static final List<Band> BANDS = List.of(
            new Band(0.9999, "BAYES_9999", 5.0),
            new Band(0.99, "BAYES_99", 4.5),
            new Band(0.95, "BAYES_95", 4.0),
            new Band(0.80, "BAYES_80", 3.0),
            new Band(0.60, "BAYES_60", 2.0),
            new Band(0.40, "BAYES_50", 0.0),
            new Band(0.20, "BAYES_20", -0.5),
            new Band(0.05, "BAYES_05", -1.0),
            new Band(0.00, "BAYES_00", -2.0));

    private final SymbolScores scores;

    public BayesSymbols(SymbolScores scores) {
        this.scores = scores;
    }

    public Verdict.Symbol symbol(double probability) {
        Band band = BANDS.stream().filter(b -> probability >= b.from()).findFirst().orElseThrow();
        return scores.symbol(band.name(), band.score(), String.format(Locale.ROOT, "spam probability %.3f", probability));
    }
}

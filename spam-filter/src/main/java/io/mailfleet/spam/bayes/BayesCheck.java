package io.mailfleet.spam.bayes;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.verdict.ScanContext;
import io.mailfleet.spam.verdict.ContentCheck;
import io.mailfleet.spam.verdict.SymbolScores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.OptionalDouble;

/** The Bayes opinion as one of SpamAssassin's familiar BAYES_nn symbols. */
@ApplicationScoped
public class BayesCheck implements ContentCheck {

    /** Lower bound of the probability band, its symbol and default score; the first band that fits wins. */
    private record Band(double from, String name, double score) {
    }

    // tuned by 2-fold cross-validation on the corpus groups easy-ham-1 and spam-1 only (docs/spam-filter.md)
    private static final List<Band> BANDS = List.of(
            new Band(0.99, "BAYES_99", 5.0),
            new Band(0.95, "BAYES_95", 4.5),
            new Band(0.80, "BAYES_80", 3.5),
            new Band(0.60, "BAYES_60", 2.0),
            new Band(0.40, "BAYES_50", 0.0),
            new Band(0.20, "BAYES_20", -0.5),
            new Band(0.05, "BAYES_05", -1.0),
            new Band(0.00, "BAYES_00", -2.0));

    private final GlobalBayesModel model;
    private final BayesClassifier classifier;
    private final SymbolScores scores;

    @Inject
    public BayesCheck(GlobalBayesModel model, SymbolScores scores) {
        this(model, new BayesClassifier(model.minMessages()), scores);
    }

    public BayesCheck(GlobalBayesModel model, BayesClassifier classifier, SymbolScores scores) {
        this.model = model;
        this.classifier = classifier;
        this.scores = scores;
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        OptionalDouble probability = classifier.spamProbability(model.model(), Tokenizer.tokens(context.message(), context.content()));
        if (probability.isEmpty()) {
            return List.of();
        }
        double p = probability.getAsDouble();
        Band band = BANDS.stream().filter(b -> p >= b.from()).findFirst().orElseThrow();
        return List.of(scores.symbol(band.name(), band.score(), String.format(java.util.Locale.ROOT, "spam probability %.3f", p)));
    }
}

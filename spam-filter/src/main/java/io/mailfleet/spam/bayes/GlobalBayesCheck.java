package io.mailfleet.spam.bayes;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.verdict.ContentCheck;
import io.mailfleet.spam.verdict.ScanContext;
import io.mailfleet.spam.verdict.SymbolScores;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The global model's opinion alone, synchronously: what spam-eval runs (no tenant models, no storage). The service uses
 * {@link BayesCheck}, which adds the recipients' tenant models.
 */
public final class GlobalBayesCheck implements ContentCheck {

    private final BayesModel model;
    private final BayesClassifier classifier;
    private final BayesSymbols symbols;

    public GlobalBayesCheck(BayesModel model, BayesClassifier classifier, SymbolScores scores) {
        this.model = model;
        this.classifier = classifier;
        this.symbols = new BayesSymbols(scores);
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        OptionalDouble probability = classifier.spamProbability(model, Tokenizer.tokens(context.message(), context.content()));
        return probability.isEmpty() ? List.of() : List.of(symbols.symbol(probability.getAsDouble()));
    }
}

package io.mailfleet.spam.bayes;

import io.mailfleet.events.Recipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.verdict.ScanContext;
import io.mailfleet.spam.verdict.SpamCheck;
import io.mailfleet.spam.verdict.SymbolScores;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The Bayes opinion in the service: the global model combined with the model of each recipient tenant (what its users
 * taught by moving mail into and out of Junk). A message to several tenants gets the most spam-minded of their opinions,
 * like the strictest thresholds. A tenant model that cannot be read costs only that tenant's corrections.
 */
@ApplicationScoped
public class BayesCheck implements SpamCheck {

    private static final Logger LOG = Logger.getLogger(BayesCheck.class);
    /** Tenant models read per message: a message to many tenants costs bounded work. */
    private static final int MAX_TENANTS = 5;

    private final GlobalBayesModel global;
    private final TenantBayesStore tenants;
    private final BayesClassifier classifier;
    private final BayesSymbols symbols;

    public BayesCheck(GlobalBayesModel global, TenantBayesStore tenants, SymbolScores scores) {
        this.global = global;
        this.tenants = tenants;
        this.classifier = new BayesClassifier(global.minMessages());
        this.symbols = new BayesSymbols(scores);
    }

    @Override
    public Uni<List<Verdict.Symbol>> check(ScanContext context) {
        Set<String> tokens = Tokenizer.tokens(context.message(), context.content());
        List<String> tenantIds = context.mail().envelope().recipients().stream().map(Recipient::tenantId).filter(Objects::nonNull)
                .distinct().limit(MAX_TENANTS).toList();
        if (tenantIds.isEmpty()) {
            return Uni.createFrom().item(opinion(classifier.spamProbability(global.model(), tokens)));
        }
        List<Uni<OptionalDouble>> opinions = tenantIds.stream()
                .map(tenant -> tenants.statistics(tenant, tokens)
                        .map(model -> classifier.spamProbability(TokenStatistics.combined(global.model(), model), tokens))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Bayes model of tenant %s not readable (%s); global model only", tenant, failure.toString());
                            return classifier.spamProbability(global.model(), tokens);
                        }))
                .toList();
        return Uni.join().all(opinions).andFailFast().map(all -> opinion(all.stream()
                .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).max()));
    }

    private List<Verdict.Symbol> opinion(OptionalDouble probability) {
        return probability.isEmpty() ? List.of() : List.of(symbols.symbol(probability.getAsDouble()));
    }
}

package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.dkim.DkimResult;
import io.mailfleet.spam.dmarc.DmarcResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Scores the SPF, DKIM and DMARC results (the policy action of a DMARC failure is {@link VerdictPolicy}'s business). */
@ApplicationScoped
public class AuthenticationSymbols implements SpamCheck {

    private final SymbolScores scores;

    public AuthenticationSymbols(SymbolScores scores) {
        this.scores = scores;
    }

    @Override
    public Uni<List<Verdict.Symbol>> check(ScanContext context) {
        AuthenticationResults auth = context.authentication();
        List<Verdict.Symbol> symbols = new ArrayList<>();
        if (auth.spf() != null) {
            String detail = auth.spf().domain() == null ? auth.spf().reason() : auth.spf().domain() + ": " + auth.spf().reason();
            switch (auth.spf().result()) {
                case PASS -> symbols.add(scores.symbol("SPF_PASS", -0.1, detail));
                case FAIL -> symbols.add(scores.symbol("SPF_FAIL", 2.0, detail));
                case SOFTFAIL -> symbols.add(scores.symbol("SPF_SOFTFAIL", 1.0, detail));
                case NEUTRAL -> symbols.add(scores.symbol("SPF_NEUTRAL", 0.2, detail));
                case NONE -> symbols.add(scores.symbol("SPF_NONE", 0.1, detail));
                case TEMPERROR -> symbols.add(scores.symbol("SPF_TEMPERROR", 0.0, detail));
                case PERMERROR -> symbols.add(scores.symbol("SPF_PERMERROR", 0.5, detail));
            }
        }
        for (DkimResult dkim : auth.dkim()) {
            String detail = dkim.domain() + (dkim.reason() == null ? "" : ": " + dkim.reason());
            switch (dkim.status()) {
                case PASS -> symbols.add(scores.symbol("DKIM_VALID", -0.1, detail));
                case FAIL -> symbols.add(scores.symbol("DKIM_INVALID", 1.0, detail));
                case POLICY -> symbols.add(scores.symbol("DKIM_PARTIAL_BODY", 1.0, detail));
                case TEMPERROR -> symbols.add(scores.symbol("DKIM_TEMPERROR", 0.0, detail));
                case PERMERROR, NEUTRAL -> symbols.add(scores.symbol("DKIM_PERMERROR", 0.3, detail));
            }
        }
        if (auth.arc() != null && auth.arc().status() != io.mailfleet.spam.dkim.ArcResult.Status.NONE) {
            symbols.add(auth.arc().status() == io.mailfleet.spam.dkim.ArcResult.Status.PASS
                    ? scores.symbol("ARC_PASS", -0.1, String.join(",", auth.arc().sealers()))
                    : scores.symbol("ARC_FAIL", 0.5, auth.arc().reason()));
        }
        DmarcResult dmarc = auth.dmarc();
        if (dmarc != null) {
            String detail = dmarc.fromDomain() + (dmarc.reason() == null ? "" : ": " + dmarc.reason());
            switch (dmarc.status()) {
                case PASS -> symbols.add(scores.symbol("DMARC_PASS", -0.5, detail));
                case FAIL -> symbols.add(switch (dmarc.policy()) {
                    case REJECT -> scores.symbol("DMARC_FAIL_REJECT", 4.0, detail);
                    case QUARANTINE -> scores.symbol("DMARC_FAIL_QUARANTINE", 3.0, detail);
                    case NONE -> scores.symbol("DMARC_FAIL_NONE", 1.0, detail);
                });
                case PERMERROR -> symbols.add(scores.symbol("DMARC_PERMERROR", 1.0, detail));
                case TEMPERROR -> symbols.add(scores.symbol("DMARC_TEMPERROR", 0.0, detail));
                case NONE -> symbols.add(scores.symbol("DMARC_NONE", 0.0, detail));
            }
        }
        return Uni.createFrom().item(symbols);
    }
}

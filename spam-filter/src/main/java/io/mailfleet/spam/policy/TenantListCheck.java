package io.mailfleet.spam.policy;

import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.message.FromDomain;
import io.mailfleet.spam.verdict.ContentCheck;
import io.mailfleet.spam.verdict.ScanContext;
import io.mailfleet.spam.verdict.SymbolScores;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recipient tenants' sender lists against the envelope sender and the From address. A message to several tenants is
 * blocked if any of them blocks the sender, and allowed only if all of them allow it (one verdict per message). The symbols
 * score nothing themselves; {@link io.mailfleet.spam.verdict.VerdictPolicy} turns them into the action.
 */
@ApplicationScoped
public class TenantListCheck implements ContentCheck {

    public static final String BLOCKED = "TENANT_BLOCKLIST";
    public static final String ALLOWED = "TENANT_ALLOWLIST";

    private final SymbolScores scores;

    public TenantListCheck(SymbolScores scores) {
        this.scores = scores;
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        if (context.policies().isEmpty()) {
            return List.of();
        }
        List<String> senders = new ArrayList<>();
        String mailFrom = context.mail().envelope().mailFrom();
        if (mailFrom != null && mailFrom.contains("@")) {
            senders.add(mailFrom);
        }
        FromDomain.address(context.message()).ifPresent(senders::add);
        if (senders.isEmpty()) {
            return List.of();
        }
        for (TenantPolicy policy : context.policies()) {
            Optional<String> blocked = TenantPolicyMatch.sender(policy.senderBlock(), senders);
            if (blocked.isPresent()) {
                return List.of(scores.symbol(BLOCKED, 0.0, "tenant " + policy.tenantId() + " blocks " + blocked.get()));
            }
        }
        List<String> allowedBy = new ArrayList<>();
        for (TenantPolicy policy : context.policies()) {
            Optional<String> allowed = TenantPolicyMatch.sender(policy.senderAllow(), senders);
            if (allowed.isEmpty()) {
                return List.of();
            }
            allowedBy.add(allowed.get());
        }
        return List.of(scores.symbol(ALLOWED, 0.0, "tenant allows " + String.join(", ", allowedBy)));
    }
}

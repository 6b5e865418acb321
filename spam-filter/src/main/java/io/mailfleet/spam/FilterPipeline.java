package io.mailfleet.spam;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.auth.AuthenticationResultsHeader;
import io.mailfleet.spam.auth.SenderAuthentication;
import io.mailfleet.spam.dmarc.DmarcResultPublisher;
import io.mailfleet.spam.dmarc.FailureReports;
import io.mailfleet.spam.message.MessageContentParser;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.policy.TenantPolicies;
import io.mailfleet.spam.verdict.ScanContext;
import io.mailfleet.spam.verdict.SpamCheck;
import io.mailfleet.spam.verdict.VerdictPolicy;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The filter: sender authentication, then every {@link SpamCheck} side by side, then {@link VerdictPolicy}. Parsing and
 * hashing are CPU work on a 25 MiB message, so the pipeline runs on the worker pool, never on the Kafka event loop; DNS answers
 * arrive on dnsjava's I/O thread.
 */
@ApplicationScoped
public class FilterPipeline implements MessageScorer {

    private final SenderAuthentication authentication;
    private final List<SpamCheck> checks;
    private final VerdictPolicy policy;
    private final DmarcResultPublisher dmarcResults;
    private final SpamFilterConfig config;
    private final MessageContentParser contentParser;
    private final TenantPolicies tenantPolicies;
    private final FailureReports failureReports;

    public FilterPipeline(SenderAuthentication authentication, @Any Instance<SpamCheck> checks, VerdictPolicy policy,
                          DmarcResultPublisher dmarcResults, SpamFilterConfig config, TenantPolicies tenantPolicies,
                          FailureReports failureReports) {
        this.authentication = authentication;
        this.failureReports = failureReports;
        this.tenantPolicies = tenantPolicies;
        this.checks = checks.stream().toList();
        this.policy = policy;
        this.dmarcResults = dmarcResults;
        this.config = config;
        this.contentParser = new MessageContentParser(config.content().maxTextBytes(), config.content().maxArchiveBytes());
    }

    @Override
    public Uni<MailRecord> score(MailRecord mail) {
        // the tenants' policies are fetched while the sender is authenticated; neither waits for the other
        return Uni.createFrom().item(() -> RawMessage.parse(mail.content()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(message -> Uni.combine().all().unis(
                                authentication.authenticate(mail.envelope(), message)
                                        .flatMap(auth -> dmarcResults.publish(mail.envelope(), auth).replaceWith(auth))
                                        .call(auth -> failureReports.report(mail.envelope(), message, auth)),
                                tenantPolicies.of(mail.envelope()))
                        .asTuple()
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .flatMap(both -> {
                            AuthenticationResults auth = both.getItem1();
                            ScanContext context = new ScanContext(mail, message, contentParser.parse(mail.content()), auth, both.getItem2());
                            return runChecks(context).map(symbols -> scored(mail, message, auth,
                                    policy.decide(mail.envelope(), auth, symbols, context.policies())));
                        }));
    }

    private Uni<List<Verdict.Symbol>> runChecks(ScanContext context) {
        if (checks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<List<Verdict.Symbol>>> running = checks.stream().map(check -> check.check(context)).toList();
        return Uni.join().all(running).andFailFast().map(lists -> {
            List<Verdict.Symbol> all = new ArrayList<>();
            lists.forEach(all::addAll);
            return all;
        });
    }

    /**
     * Inbound mail gets our Authentication-Results on top; incoming ones claiming our authserv-id are cut
     * out of all mail (a user must not forge them for a local recipient either); all else byte for byte.
     * Submitted mail gets no field of ours: the results and the score are no business of remote
     * recipients. The spam verdict travels in the record header; delivery-worker writes X-Spam-* into
     * local mailboxes only.
     */
    private MailRecord scored(MailRecord mail, RawMessage message, AuthenticationResults auth, Verdict verdict) {
        ByteArrayOutputStream content = new ByteArrayOutputStream(mail.content().length + 512);
        if (mail.envelope().direction() == Direction.INBOUND) {
            content.writeBytes(AuthenticationResultsHeader.render(config.authservId(), auth).getBytes(StandardCharsets.US_ASCII));
        }
        int copied = 0;
        for (RawMessage.HeaderField field : message.fields()) {
            if (AuthenticationResultsHeader.claims(field, config.authservId())) {
                content.write(mail.content(), copied, field.start() - copied);
                copied = field.end();
            }
        }
        content.write(mail.content(), copied, mail.content().length - copied);
        byte[] bytes = content.toByteArray();
        return new MailRecord(mail.envelope().withSize(bytes.length), bytes, verdict);
    }
}

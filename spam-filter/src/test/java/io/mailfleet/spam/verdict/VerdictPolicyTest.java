package io.mailfleet.spam.verdict;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.dmarc.DmarcRecord;
import io.mailfleet.spam.dmarc.DmarcResult;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Thresholds per profile and tenant, and DMARC dispositions, from real SmallRye config mapping. */
class VerdictPolicyTest {

    private static final VerdictPolicy POLICY = new VerdictPolicy(config(Map.of(
            "mailfleet.spam.tenants.strict.junk", "2",
            "mailfleet.spam.tenants.strict.quarantine", "4",
            "mailfleet.spam.tenants.strict.reject", "6")));

    static SpamFilterConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SpamFilterConfig.class)
                // "5m" and "30s" are Quarkus's duration syntax
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(SpamFilterConfig.class);
    }

    private static MailEnvelope envelope(Direction direction, String... tenants) {
        List<Recipient> recipients = java.util.Arrays.stream(tenants).map(t -> Recipient.local("u@" + t + ".example", t, "a")).toList();
        return new MailEnvelope(MailEnvelope.CURRENT_VERSION, "id", Instant.now(), "h", "192.0.2.1", null, null,
                direction == Direction.SUBMISSION ? "user@x" : null, "s@x.example", recipients, 1, direction, Map.of());
    }

    private static final AuthenticationResults NO_AUTH = new AuthenticationResults("s@x.example", "h", null, List.of(), null, null);

    private static Verdict decide(MailEnvelope envelope, AuthenticationResults auth, double... scores) {
        List<Verdict.Symbol> symbols = java.util.Arrays.stream(scores).mapToObj(s -> new Verdict.Symbol("S" + s, s, null)).toList();
        return POLICY.decide(envelope, auth, symbols);
    }

    @Test
    void defaultInboundThresholds() {
        assertEquals(Verdict.Action.DELIVER, decide(envelope(Direction.INBOUND, "open"), NO_AUTH, 2.0, 2.9).action());
        assertEquals(Verdict.Action.JUNK, decide(envelope(Direction.INBOUND, "open"), NO_AUTH, 5.0).action());
        assertEquals(Verdict.Action.QUARANTINE, decide(envelope(Direction.INBOUND, "open"), NO_AUTH, 6.0, 4.0).action());
        assertEquals(Verdict.Action.REJECT, decide(envelope(Direction.INBOUND, "open"), NO_AUTH, 15.0).action());
        assertEquals(4.9, decide(envelope(Direction.INBOUND, "open"), NO_AUTH, 2.0, 2.9).score());
    }

    @Test
    void tenantThresholdsAndTheStrictestOfSeveralTenants() {
        assertEquals(Verdict.Action.QUARANTINE, decide(envelope(Direction.INBOUND, "strict"), NO_AUTH, 4.5).action());
        assertEquals(Verdict.Action.QUARANTINE, decide(envelope(Direction.INBOUND, "open", "strict"), NO_AUTH, 4.5).action());
        assertEquals(Verdict.Action.DELIVER, decide(envelope(Direction.INBOUND, "open"), NO_AUTH, 4.5).action());
    }

    @Test
    void submissionIsStricter() {
        assertEquals(Verdict.Action.JUNK, decide(envelope(Direction.SUBMISSION, "open"), NO_AUTH, 4.5).action());
        assertEquals(Verdict.Action.REJECT, decide(envelope(Direction.SUBMISSION, "open"), NO_AUTH, 10.0).action());
    }

    @Test
    void dmarcDispositionRaisesTheAction() {
        DmarcRecord record = new DmarcRecord(DmarcRecord.Policy.REJECT, java.util.Optional.empty(), false, false, 100, List.of(), List.of(), "0");
        AuthenticationResults rejected = new AuthenticationResults("s@x.example", "h", null, List.of(), new DmarcResult(DmarcResult.Status.FAIL,
                "x.example", "x.example", record, DmarcRecord.Policy.REJECT, DmarcRecord.Policy.REJECT, false, false, "r"), null);
        assertEquals(Verdict.Action.QUARANTINE, decide(envelope(Direction.INBOUND, "open"), rejected, 0.0).action());
        AuthenticationResults quarantined = new AuthenticationResults("s@x.example", "h", null, List.of(), new DmarcResult(DmarcResult.Status.FAIL,
                "x.example", "x.example", record, DmarcRecord.Policy.QUARANTINE, DmarcRecord.Policy.QUARANTINE, false, false, "r"), null);
        assertEquals(Verdict.Action.JUNK, decide(envelope(Direction.INBOUND, "open"), quarantined, 0.0).action());
        VerdictPolicy bouncing = new VerdictPolicy(config(Map.of("mailfleet.spam.dmarc-reject-action", "REJECT")));
        assertEquals(Verdict.Action.REJECT, bouncing.decide(envelope(Direction.INBOUND, "open"), rejected, List.of()).action());
    }
}

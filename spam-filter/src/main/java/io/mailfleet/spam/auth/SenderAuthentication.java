package io.mailfleet.spam.auth;

import com.google.common.net.InetAddresses;
import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.spam.dkim.ArcResult;
import io.mailfleet.spam.dkim.ArcVerifier;
import io.mailfleet.spam.dkim.DkimVerifier;
import io.mailfleet.spam.dmarc.DmarcEvaluator;
import io.mailfleet.spam.message.FromDomain;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.spf.SpfChecker;
import io.mailfleet.spam.spf.SpfOutcome;
import io.mailfleet.spam.spf.SpfResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.util.List;

/** SPF, DKIM and ARC side by side, then DMARC over SPF and DKIM: the OpenDKIM + OpenARC + OpenDMARC + pyspf part. */
@ApplicationScoped
public class SenderAuthentication {

    private final SpfChecker spf;
    private final DkimVerifier dkim;
    private final DmarcEvaluator dmarc;
    private final ArcVerifier arc;

    public SenderAuthentication(SpfChecker spf, DkimVerifier dkim, DmarcEvaluator dmarc, ArcVerifier arc) {
        this.spf = spf;
        this.dkim = dkim;
        this.dmarc = dmarc;
        this.arc = arc;
    }

    public Uni<AuthenticationResults> authenticate(MailEnvelope envelope, RawMessage message) {
        if (envelope.direction() == Direction.SUBMISSION) {
            return Uni.createFrom().item(new AuthenticationResults(envelope.mailFrom(), envelope.helo(), null, List.of(), null,
                    envelope.authenticatedPrincipal()));
        }
        Uni<SpfOutcome> spfOutcome = spfCheck(envelope);
        Uni<List<io.mailfleet.spam.dkim.DkimResult>> signatures = dkim.verify(message);
        Uni<ArcResult> chain = arc.verify(message);
        return Uni.combine().all().unis(spfOutcome, signatures, chain).asTuple()
                .flatMap(all -> dmarc.evaluate(FromDomain.of(message).orElse(null), all.getItem1(), all.getItem2())
                        .map(result -> new AuthenticationResults(envelope.mailFrom(), envelope.helo(), all.getItem1(),
                                all.getItem2(), result, envelope.authenticatedPrincipal(), all.getItem3())));
    }

    private Uni<SpfOutcome> spfCheck(MailEnvelope envelope) {
        InetAddress client;
        try {
            client = InetAddresses.forString(envelope.clientIp());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().item(new SpfOutcome(SpfResult.NONE, null, null, "no usable client address"));
        }
        String helo = envelope.helo() == null ? "" : envelope.helo();
        return spf.checkMailFrom(client, envelope.mailFrom(), helo);
    }
}

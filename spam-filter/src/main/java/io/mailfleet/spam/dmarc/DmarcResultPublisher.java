package io.mailfleet.spam.dmarc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/**
 * Records every DMARC evaluation that found a policy on {@code dmarc.results}, keyed by the policy (reporting) domain so
 * that one domain's evaluations stay in one partition for its aggregate report. The returned Uni
 * completes when the broker has the record, so the inbound message is not acknowledged before its evaluation is safe.
 */
@ApplicationScoped
public class DmarcResultPublisher {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final MutinyEmitter<String> emitter;

    public DmarcResultPublisher(@Channel("dmarc-results") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(MailEnvelope envelope, AuthenticationResults results) {
        DmarcResult dmarc = results.dmarc();
        if (dmarc == null || dmarc.record() == null) {
            return Uni.createFrom().voidItem();
        }
        DmarcRecord record = dmarc.record();
        var event = new DmarcEvaluationEvent(DmarcEvaluationEvent.CURRENT_VERSION, envelope.messageId(), Instant.now(),
                envelope.clientIp(), dmarc.fromDomain(), dmarc.policyDomain(), record.policy().token(),
                record.subdomainPolicy().map(DmarcRecord.Policy::token).orElse(null), record.percent(), record.strictDkim(),
                record.strictSpf(), record.aggregateReportUris(), record.failureReportUris(), dmarc.status().token(),
                dmarc.disposition().token(), dmarc.spfAligned(), dmarc.dkimAligned(), envelope.mailFrom(),
                results.spf() == null ? null : results.spf().domain(),
                results.spf() == null ? null : results.spf().result().token(),
                results.dkim().stream().map(d -> new DmarcEvaluationEvent.DkimEntry(d.domain(), d.selector(), d.status().token())).toList());
        String json;
        try {
            json = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Message<String> message = Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(dmarc.policyDomain()).build());
        return AcknowledgedSend.send(emitter, message);
    }
}

package io.mailfleet.spam.dmarc;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.spam.SpamFilterConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Our DMARC reports (aggregate and failure) enter the normal submission path: mail.inbound with direction SUBMISSION, sent
 * by the reporting contact, so they are scored, DKIM-signed and relayed like any user's mail. Completes when the broker has
 * the record.
 */
@ApplicationScoped
public class ReportSubmissions {

    private final MutinyEmitter<byte[]> submissions;
    private final SpamFilterConfig config;

    public ReportSubmissions(@Channel("report-submissions") MutinyEmitter<byte[]> submissions, SpamFilterConfig config) {
        this.submissions = submissions;
        this.config = config;
    }

    /**
     * Composes a report for the destinations and submits it to those whose {@code !size} limit it fits; false when it fits
     * none (or there are none).
     *
     * @param compose the message for a list of recipients (they appear in its To: field)
     */
    public Uni<Boolean> submit(String kind, String policyDomain, List<ReportUri> destinations, Function<List<String>, byte[]> compose) {
        if (destinations.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<String> all = destinations.stream().map(ReportUri::address).toList();
        byte[] content = compose.apply(all);
        List<String> to = ReportDestinations.accepting(policyDomain, kind, destinations, content.length);
        if (to.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        // dropping recipients only shortens the To: field, so the recomposed message still fits every remaining limit
        return submit(kind, to.size() == all.size() ? content : compose.apply(to), to).replaceWith(true);
    }

    private Uni<Void> submit(String kind, byte[] content, List<String> to) {
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, kind + "-" + UUID.randomUUID(), Instant.now(),
                config.authservId(), "127.0.0.1", null, null, "spam-filter", config.dmarcReports().contact(),
                to.stream().map(Recipient::remote).toList(), content.length, Direction.SUBMISSION, Map.of());
        MailRecord record = MailRecord.unscored(envelope, content);
        Message<byte[]> message = Message.of(content)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(record.headers()).build());
        return AcknowledgedSend.send(submissions, message);
    }
}

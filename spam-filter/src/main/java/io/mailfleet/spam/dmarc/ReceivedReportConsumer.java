package io.mailfleet.spam.dmarc;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.MalformedRecordException;
import io.mailfleet.events.Recipient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * mail.inbound (its own consumer group, beside the scoring stage) → schema dmarc: the aggregate reports that inbound mail to
 * our hosted domains carries. Off the scoring path on purpose: the message is scored and delivered whatever happens here,
 * and a slow or broken report delays only this consumer. Best effort: a bad attachment, a record that breaks the contract
 * (the scoring stage dead-letters it) or a failed write is logged and the record acknowledged.
 */
@ApplicationScoped
public class ReceivedReportConsumer {

    private static final Logger LOG = Logger.getLogger(ReceivedReportConsumer.class);

    private final ReportAttachments attachments;
    private final ReceivedReportStore store;

    public ReceivedReportConsumer(IncomingReportsConfig limits, ReceivedReportStore store) {
        this.attachments = new ReportAttachments(limits);
        this.store = store;
    }

    @Incoming("dmarc-incoming-reports")
    public Uni<Void> receive(Message<byte[]> inbound) {
        return collect(inbound)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("DMARC reports of a mail.inbound record not stored: %s", failure.toString());
                    return null;
                })
                .flatMap(ignored -> Uni.createFrom().completionStage(inbound.ack()));
    }

    private Uni<Void> collect(Message<byte[]> inbound) {
        MailRecord mail;
        try {
            IncomingKafkaRecordMetadata<?, ?> kafka = inbound.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
            mail = MailRecord.from(kafka.getHeaders(), inbound.getPayload());
        } catch (MalformedRecordException e) {
            return Uni.createFrom().voidItem();
        }
        // reports are addressed to a hosted domain: inbound mail to at least one local recipient (a tenant's address)
        if (mail.envelope().direction() != Direction.INBOUND
                || mail.envelope().recipients().stream().noneMatch(recipient -> recipient.tenantId() != null)) {
            return Uni.createFrom().voidItem();
        }
        List<String> tenantIds = mail.envelope().recipients().stream().map(Recipient::tenantId).filter(Objects::nonNull)
                .distinct().sorted().toList();
        String messageId = mail.envelope().messageId();
        Instant receivedAt = mail.envelope().receivedAt() == null ? Instant.now() : mail.envelope().receivedAt();
        return Uni.createFrom().item(() -> attachments.reports(mail.content(), messageId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(reports -> store(reports, messageId, receivedAt, tenantIds));
    }

    private Uni<Void> store(List<ReceivedReport> reports, String messageId, Instant receivedAt, List<String> tenantIds) {
        return Multi.createFrom().iterable(reports)
                .onItem().transformToUniAndConcatenate(report -> store.store(report, messageId, receivedAt, tenantIds)
                        .invoke(isNew -> LOG.infof("DMARC aggregate report %s from %s for %s %s (message %s)", report.reportId(),
                                report.orgName(), report.policy().domain(), isNew ? "stored" : "already stored", messageId)))
                .collect().last()
                .replaceWithVoid();
    }
}

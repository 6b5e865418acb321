package io.mailfleet.smtp.delivery;

import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.TlsInfo;
import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.directory.SenderAddresses;
import io.mailfleet.smtp.observability.SmtpMetrics;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.SmtpSession;
import io.mailfleet.smtp.session.Transaction;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The end of a transaction: turns the received content into a {@link MailRecord} (Received: trace
 * header prepended, submission headers completed, envelope as record header) and answers {@code 250}
 * only once {@code mail.inbound} has it; a broker that fails or does not answer in time gets
 * {@code 451 4.3.0}, so the client keeps the message and retries.
 */
@ApplicationScoped
public class MessageAcceptance {

    private static final Logger LOG = Logger.getLogger(MessageAcceptance.class);

    private final InboundPublisher publisher;
    private final SmtpConfig config;
    private final SmtpMetrics metrics;

    public MessageAcceptance(InboundPublisher publisher, SmtpConfig config, SmtpMetrics metrics) {
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    public Uni<CommandResult> accept(SmtpSession session, byte[] content) {
        Transaction transaction = session.transaction();
        if (session.authenticated() != null) {
            Optional<String> foreign = foreignFromAddress(session, content);
            if (foreign.isPresent()) {
                // 553 is not an end-of-data reply (RFC 5321 4.3.2); 550 is the policy refusal there
                session.endTransaction();
                metrics.messageRefused(session.listener(), 550);
                return Uni.createFrom().item(CommandResult.reply(550, "5.7.1",
                        "From: address " + foreign.get() + " not owned by the authenticated user"));
            }
        }
        String queueId = UUID.randomUUID().toString();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] received = ReceivedHeader.build(session, transaction, config.hostname(), queueId, now);
        byte[] added = session.listener().submission()
                ? SubmissionHeaders.missing(content, config.hostname(), queueId, now)
                : new byte[0];
        byte[] value = new byte[received.length + added.length + content.length];
        System.arraycopy(received, 0, value, 0, received.length);
        System.arraycopy(added, 0, value, received.length, added.length);
        System.arraycopy(content, 0, value, received.length + added.length, content.length);
        TlsInfo tls = session.tls();
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, queueId, now.toInstant(), session.helo(),
                session.clientIp(), session.clientName(), tls, session.authenticated() == null ? null : session.authenticated().address(),
                transaction.mailFrom(), transaction.recipients(), value.length, session.listener().direction(),
                transaction.mailParameters());
        session.endTransaction();
        Timer.Sample sample = metrics.startAcknowledgement();
        return publisher.publish(MailRecord.unscored(envelope, value))
                .ifNoItem().after(config.limits().publishTimeout()).fail()
                .map(metadata -> {
                    metrics.acknowledged(sample);
                    metrics.messageAccepted(session.listener(), value.length, envelope.recipients().size());
                    LOG.infof("session %s: queued %s (%d octets, %d recipients) at %s-%d@%d", session.id(), queueId,
                            value.length, envelope.recipients().size(), metadata.topic(), metadata.partition(), metadata.offset());
                    return CommandResult.reply(250, "2.0.0", "Ok: queued as " + queueId);
                })
                .onFailure().recoverWithItem(failure -> {
                    metrics.messageRefused(session.listener(), 451);
                    LOG.warnf("session %s: %s not queued, answering 451: %s", session.id(), queueId, failure.toString());
                    return CommandResult.reply(451, "4.3.0", "Queue temporarily unavailable, try again later");
                });
    }

    /** The first From: address the account may not use ("(unparseable)" for a From: without any mailbox). */
    private static Optional<String> foreignFromAddress(SmtpSession session, byte[] content) {
        return SubmissionHeaders.fromAddresses(content)
                .map(addresses -> addresses.stream().filter(address -> !SenderAddresses.owns(session.authenticated(), address)).findFirst())
                .orElse(Optional.of("(unparseable)"));
    }

    /** Counts a message refused at the end of data, by reply code. */
    public void refused(SmtpSession session, int code) {
        metrics.messageRefused(session.listener(), code);
    }
}

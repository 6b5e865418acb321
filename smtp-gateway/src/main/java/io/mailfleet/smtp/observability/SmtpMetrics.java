package io.mailfleet.smtp.observability;

import io.mailfleet.smtp.session.Listener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's Prometheus meters. Labels are bounded (listener, reply code, TLS version, mechanism,
 * outcome): never addresses, IPs or tenants, which would explode the series count.
 */
@ApplicationScoped
public class SmtpMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger openSessions = new AtomicInteger();
    private final Timer acknowledgement;
    private final DistributionSummary messageBytes;
    private final DistributionSummary recipients;

    public SmtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("smtp.sessions.open", openSessions);
        this.acknowledgement = Timer.builder("smtp.message.acknowledgement")
                .description("time from the end of data to the broker's acknowledgement (the 250)")
                .publishPercentileHistogram()
                .register(registry);
        this.messageBytes = DistributionSummary.builder("smtp.message.bytes").baseUnit("bytes")
                .description("size of accepted messages as published").register(registry);
        this.recipients = DistributionSummary.builder("smtp.message.recipients")
                .description("recipients per accepted message").register(registry);
    }

    public void sessionOpened(Listener listener) {
        openSessions.incrementAndGet();
        registry.counter("smtp.sessions", "listener", listener.configName()).increment();
    }

    public void sessionClosed() {
        openSessions.decrementAndGet();
    }

    public void tlsEstablished(Listener listener, String protocol) {
        registry.counter("smtp.tls.sessions", "listener", listener.configName(), "protocol", protocol).increment();
    }

    /** Every reply by code: accepted and refused commands and messages, by reason. */
    public void reply(Listener listener, int code) {
        registry.counter("smtp.replies", "listener", listener.configName(), "code", String.valueOf(code)).increment();
    }

    public void messageAccepted(Listener listener, long bytes, int recipientCount) {
        registry.counter("smtp.messages", "listener", listener.configName(), "outcome", "accepted").increment();
        messageBytes.record(bytes);
        recipients.record(recipientCount);
    }

    /** A message refused at the end of data (552, 554, 451 …). */
    public void messageRefused(Listener listener, int code) {
        registry.counter("smtp.messages", "listener", listener.configName(), "outcome", String.valueOf(code)).increment();
    }

    public void authAttempt(String mechanism, String outcome) {
        registry.counter("smtp.auth", "mechanism", mechanism, "outcome", outcome).increment();
    }

    public Timer.Sample startAcknowledgement() {
        return Timer.start(registry);
    }

    public void acknowledged(Timer.Sample sample) {
        sample.stop(acknowledgement);
    }
}

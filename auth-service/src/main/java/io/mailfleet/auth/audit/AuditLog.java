package io.mailfleet.auth.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.ZoneOffset;

/**
 * Writes audit events: the row in {@code audit.events} is the record (the caller waits for it), the
 * Kafka record on topic {@code audit.events} feeds alerting and SIEMs and is sent without holding up
 * the request — a broker outage must not stop people from logging in.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final Pool pool;
    private final MutinyEmitter<AuditEvent> emitter;

    public AuditLog(Pool pool, @Channel("audit-events") MutinyEmitter<AuditEvent> emitter) {
        this.pool = pool;
        this.emitter = emitter;
    }

    public Uni<Void> record(AuditEvent event) {
        publish(event);
        return pool.preparedQuery("INSERT INTO audit.events (id, at, tenant_id, type, actor, subject, protocol, client_ip, outcome, details) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.from(new Object[]{event.id(), event.at().atOffset(ZoneOffset.UTC), event.tenantId(),
                        event.type().name(), event.actor(), event.subject(), event.protocol(), event.clientIp(),
                        event.outcome(), new JsonObject(new java.util.HashMap<>(event.details()))}))
                .replaceWithVoid();
    }

    private void publish(AuditEvent event) {
        String key = event.tenantId() == null ? event.actor() : event.tenantId().toString();
        emitter.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                .subscribe().with(ok -> { }, failure -> LOG.warnf("audit event %s not published to Kafka: %s", event.id(), failure.getMessage()));
    }
}

package io.mailfleet.auth.policy;

import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.directory.TenantPolicy.SendingLimits;
import io.mailfleet.directory.TenantPolicy.SpamThresholds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** {@code directory.tenant_policies}: a missing row is the default policy. */
@ApplicationScoped
public class PolicyStore {

    private final Pool pool;

    public PolicyStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<TenantPolicy> find(UUID tenantId) {
        return pool.preparedQuery("SELECT * FROM directory.tenant_policies WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    return iterator.hasNext() ? from(iterator.next()) : TenantPolicy.defaults(tenantId.toString());
                });
    }

    /** Replaces the whole policy (the caller has made it canonical). */
    public Uni<TenantPolicy> replace(UUID tenantId, TenantPolicy policy) {
        return pool.preparedQuery("INSERT INTO directory.tenant_policies (tenant_id, ip_allow, ip_deny, sender_allow, sender_block, "
                        + "spam_junk, spam_quarantine, spam_reject, messages_per_day, recipients_per_message, updated_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now()) ON CONFLICT (tenant_id) DO UPDATE SET "
                        + "ip_allow = $2, ip_deny = $3, sender_allow = $4, sender_block = $5, spam_junk = $6, spam_quarantine = $7, "
                        + "spam_reject = $8, messages_per_day = $9, recipients_per_message = $10, updated_at = now() RETURNING *")
                .execute(Tuple.from(new Object[]{tenantId, array(policy.ipAllow()), array(policy.ipDeny()),
                        array(policy.senderAllow()), array(policy.senderBlock()), policy.spam().junk(), policy.spam().quarantine(),
                        policy.spam().reject(), policy.sending().messagesPerDay(), policy.sending().recipientsPerMessage()}))
                .map(rows -> from(rows.iterator().next()));
    }

    /** Back to the platform defaults. */
    public Uni<Void> delete(UUID tenantId) {
        return pool.preparedQuery("DELETE FROM directory.tenant_policies WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .replaceWithVoid();
    }

    private static String[] array(List<String> list) {
        return list.toArray(String[]::new);
    }

    private static TenantPolicy from(Row row) {
        return new TenantPolicy(row.getUUID("tenant_id").toString(), list(row, "ip_allow"), list(row, "ip_deny"),
                list(row, "sender_allow"), list(row, "sender_block"),
                new SpamThresholds(row.getDouble("spam_junk"), row.getDouble("spam_quarantine"), row.getDouble("spam_reject")),
                new SendingLimits(row.getInteger("messages_per_day"), row.getInteger("recipients_per_message")));
    }

    private static List<String> list(Row row, String column) {
        return Arrays.asList(row.getArrayOfStrings(column));
    }
}

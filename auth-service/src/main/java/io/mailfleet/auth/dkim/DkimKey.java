package io.mailfleet.auth.dkim;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A DKIM key without its private part: what may be listed. {@code dnsName}/{@code dnsValue} are the TXT
 * record to publish (RFC 6376 §3.6.1, RFC 8463 for Ed25519).
 */
public record DkimKey(UUID id, String domain, String selector, Algorithm algorithm, Status status, String dnsName,
                      String dnsValue, OffsetDateTime createdAt) {

    public enum Algorithm {
        RSA_2048("rsa"), ED25519("ed25519");

        private final String tag;

        Algorithm(String tag) {
            this.tag = tag;
        }

        /** The k= tag of the DNS record. */
        public String tag() {
            return tag;
        }
    }

    /** RETIRED keys no longer sign but stay published until deleted, so mail in flight still verifies. */
    public enum Status { ACTIVE, RETIRED }

    static DkimKey from(io.vertx.mutiny.sqlclient.Row row) {
        Algorithm algorithm = Algorithm.valueOf(row.getString("algorithm"));
        String domain = row.getString("domain");
        String selector = row.getString("selector");
        return new DkimKey(row.getUUID("id"), domain, selector, algorithm, Status.valueOf(row.getString("status")),
                selector + "._domainkey." + domain, "v=DKIM1; k=" + algorithm.tag() + "; p=" + row.getString("public_key"),
                row.getOffsetDateTime("created_at"));
    }
}

package io.mailfleet.mailstore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A committed change to a mailbox, published on Kafka {@code mailbox.changes} (key = account id) so
 * every IMAP replica can wake its IDLE sessions. It says what changed, not the data: a session reads
 * the new state from the mailstore. Consumers must tolerate duplicates (producers are at-least-once).
 *
 * <p>JSON: {@code {"version":1,"accountId":"a-7","mailboxId":42,"uidValidity":1795000000,
 * "kind":"APPENDED","uids":[17],"modseq":93}}.
 */
public record MailboxChange(String accountId, long mailboxId, long uidValidity, Kind kind, List<Long> uids, long modseq) {

    public static final int VERSION = 1;

    public enum Kind {
        /** new messages (delivery, APPEND, COPY/MOVE target): IDLE says EXISTS */
        APPENDED,
        /** flags changed: IDLE says FETCH (FLAGS) */
        FLAGS,
        /** messages removed: IDLE says EXPUNGE / VANISHED */
        EXPUNGED
    }

    public MailboxChange {
        uids = List.copyOf(uids);
    }

    public String toJson() {
        return new JsonObject()
                .put("version", VERSION)
                .put("accountId", accountId)
                .put("mailboxId", mailboxId)
                .put("uidValidity", uidValidity)
                .put("kind", kind.name())
                .put("uids", new JsonArray(List.copyOf(uids)))
                .put("modseq", modseq)
                .encode();
    }

    /** Reads a change; fails with IllegalArgumentException on JSON that is not one. */
    public static MailboxChange fromJson(String json) {
        try {
            JsonObject object = new JsonObject(json);
            JsonArray uids = object.getJsonArray("uids");
            return new MailboxChange(object.getString("accountId"), object.getLong("mailboxId"), object.getLong("uidValidity"),
                    Kind.valueOf(object.getString("kind")), uids.stream().map(uid -> ((Number) uid).longValue()).toList(),
                    object.getLong("modseq"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a mailbox change: " + e.getMessage(), e);
        }
    }
}

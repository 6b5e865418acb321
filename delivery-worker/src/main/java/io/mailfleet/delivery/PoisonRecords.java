package io.mailfleet.delivery;

import io.mailfleet.events.MalformedRecordException;
import io.vertx.pgclient.PgException;

/**
 * Tells a record that can never be delivered (it goes to the dead-letter topic at once) from a
 * failure of the infrastructure (retried until it works: mail is deferred, never dropped).
 */
final class PoisonRecords {

    private PoisonRecords() {
    }

    static boolean isPoison(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedRecordException || cause instanceof IllegalArgumentException) {
                return true;
            }
            // SQLSTATE class 22: data the database refuses (encoding, ranges), whatever the retry
            if (cause instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static final int MAX_REASON = 500;

    /** One line for the dead-letter header: what was wrong, without a stack trace. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String reason = (root == failure ? message : message + " (" + root.getClass().getSimpleName() + ")")
                .replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?").strip();
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
    }
}

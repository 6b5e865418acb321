package io.mailfleet.imap.sort;

import java.time.Instant;
import java.util.List;

/**
 * What threading needs of one message (RFC 5256 4).
 *
 * @param number     what the response names it by: sequence number, or UID for UID THREAD
 * @param msn        its sequence number (ties in date order)
 * @param messageId  the Message-ID without angle brackets, null when missing
 * @param references References: ids, oldest first, or the In-Reply-To id when there is no References:
 * @param rawSubject the Subject: as sent (the base subject and whether it is a reply are derived from it)
 */
public record ThreadMessage(long number, int msn, Instant sentDate, String messageId, List<String> references, String rawSubject) {
}

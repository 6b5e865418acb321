package io.mailfleet.imap.session;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IMAP4rev1's {@code \Recent} (RFC 3501 2.3.2): a message is recent in exactly one session, the first
 * to be told about it. Claims are kept per replica in memory, which is exact for sessions on the same
 * replica; two replicas may each report a message recent once. IMAP4rev2 dropped {@code \Recent}, and
 * clients treat it as a hint, so this trade is deliberate (no write per SELECT).
 */
@ApplicationScoped
public class RecentClaims {

    private final Map<Long, Long> claimedUpTo = new ConcurrentHashMap<>();

    /** Claims the UIDs up to {@code lastUid}; returns the first UID this caller got (above everything claimed before). */
    public long claim(long mailboxId, long lastUid) {
        long[] first = new long[1];
        claimedUpTo.merge(mailboxId, lastUid, (previous, wanted) -> {
            first[0] = previous + 1;
            return Math.max(previous, wanted);
        });
        return first[0] == 0 ? 1 : first[0];
    }

    /** The highest UID claimed so far (0: none); messages above it are still recent for whoever selects next (STATUS RECENT). */
    public long claimedUpTo(long mailboxId) {
        return claimedUpTo.getOrDefault(mailboxId, 0L);
    }
}

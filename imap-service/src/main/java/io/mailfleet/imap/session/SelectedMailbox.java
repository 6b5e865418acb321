package io.mailfleet.imap.session;

import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.mailstore.SpecialUse;
import io.mailfleet.mailstore.UidRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The session's view of its selected mailbox: the UIDs it has announced, in order, so message
 * sequence number n is the n-th of them (RFC 9051 2.3.1.2). Other sessions' changes reach this view
 * only through the synchronizer, which announces them (EXISTS / EXPUNGE / FETCH) as it applies them.
 */
public final class SelectedMailbox {

    private static final long MAX_UID = 0xFFFF_FFFFL;

    private final long id;
    private final String name;
    private final boolean readOnly;
    private final long uidValidity;
    private final Optional<SpecialUse> specialUse;
    /**
     * The announced UIDs, ascending, as unsigned 32-bit values (RFC 9051 UIDs are at most 2^32-1): with
     * thousands of idle sessions on large mailboxes this array is most of a session's memory.
     */
    private int[] uids = new int[16];
    private int count;
    /** The mailbox's HIGHESTMODSEQ when this view was last brought up to date. */
    private long knownModseq;
    private long knownUidNext;
    /** UIDs at or above this are \Recent in this session (this session claimed them first). */
    private long firstRecentUid = Long.MAX_VALUE;
    private long lastRecentUid;
    private int firstUnseen;
    /** Keywords in use in the mailbox as far as this session has been told (FLAGS / PERMANENTFLAGS). */
    private final java.util.Set<String> keywords = new java.util.TreeSet<>();

    public SelectedMailbox(long id, String name, boolean readOnly, long uidValidity, Optional<SpecialUse> specialUse) {
        this.id = id;
        this.name = name;
        this.readOnly = readOnly;
        this.uidValidity = uidValidity;
        this.specialUse = specialUse;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long uidValidity() {
        return uidValidity;
    }

    /** The mailbox's SPECIAL-USE role when it was selected (a move out of \\Junk is a learning signal). */
    public Optional<SpecialUse> specialUse() {
        return specialUse;
    }

    /** Sequence number of the first message without \Seen when the mailbox was selected (rev1's UNSEEN), 0 if none. */
    public int firstUnseen() {
        return firstUnseen;
    }

    public void firstUnseen(int msn) {
        this.firstUnseen = msn;
    }

    /** Records keywords seen on messages; true when one is new to this session (FLAGS must be announced again). */
    public boolean learnKeywords(java.util.Set<String> seen) {
        return keywords.addAll(seen);
    }

    /** {@code (\\Answered \\Deleted \\Draft \\Flagged \\Seen keyword…)} for the FLAGS response. */
    public String flags() {
        return keywords.isEmpty() ? FlagsFormat.SYSTEM_FLAGS
                : FlagsFormat.SYSTEM_FLAGS.substring(0, FlagsFormat.SYSTEM_FLAGS.length() - 1) + " " + String.join(" ", keywords) + ")";
    }

    /** PERMANENTFLAGS: the flags, and {@code \\*} (new keywords may be stored) unless read-only. */
    public String permanentFlags() {
        return readOnly ? "()" : flags().substring(0, flags().length() - 1) + " \\*)";
    }

    public int exists() {
        return count;
    }

    public long knownModseq() {
        return knownModseq;
    }

    public long knownUidNext() {
        return knownUidNext;
    }

    public void known(long modseq, long uidNext) {
        this.knownModseq = modseq;
        this.knownUidNext = uidNext;
    }

    /** After this session's own change with {@code modseq}: skip re-announcing it if nothing else happened in between. */
    public void ownChange(long modseq) {
        if (modseq == knownModseq + 1) {
            knownModseq = modseq;
        }
    }

    public long lastUid() {
        return count == 0 ? 0 : uid(count - 1);
    }

    public long uidAt(int msn) {
        return uid(msn - 1);
    }

    private long uid(int index) {
        return Integer.toUnsignedLong(uids[index]);
    }

    /** Sequence number of the UID, or 0 if this view has no such message. */
    public int msnOf(long uid) {
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = uid(middle);
            if (found < uid) {
                low = middle + 1;
            } else if (found > uid) {
                high = middle - 1;
            } else {
                return middle + 1;
            }
        }
        return 0;
    }

    /** Room for {@code messages} UIDs, so a mailbox opened with n messages holds an array of exactly n. */
    public void reserve(int messages) {
        if (messages > uids.length) {
            uids = Arrays.copyOf(uids, messages);
        }
    }

    /** Appends a newer UID (the synchronizer's EXISTS). */
    public void add(long uid) {
        if (uid <= lastUid() || uid > MAX_UID) {
            return;
        }
        if (count == uids.length) {
            uids = Arrays.copyOf(uids, count + (count >> 1));
        }
        uids[count++] = (int) uid;
    }

    /** Removes the UID; returns the sequence number it had (for the EXPUNGE response), 0 if unknown. */
    public int remove(long uid) {
        int msn = msnOf(uid);
        if (msn > 0) {
            System.arraycopy(uids, msn, uids, msn - 1, count - msn);
            count--;
        }
        return msn;
    }

    public void recent(long fromUid, long toUid) {
        if (fromUid <= toUid) {
            firstRecentUid = Math.min(firstRecentUid, fromUid);
            lastRecentUid = Math.max(lastRecentUid, toUid);
        }
    }

    public boolean isRecent(long uid) {
        return uid >= firstRecentUid && uid <= lastRecentUid;
    }

    public int recentCount() {
        int recent = 0;
        for (int i = 0; i < count; i++) {
            if (isRecent(uid(i))) {
                recent++;
            }
        }
        return recent;
    }

    /**
     * The UIDs this view knows that a command's set names: sequence numbers, or UIDs (where {@code *} is
     * the highest UID, and a range like {@code 5:*} names the last message even when its UID is below 5).
     */
    public List<Long> resolve(SequenceSet set, boolean byUid) {
        List<Long> resolved = new ArrayList<>();
        if (count == 0) {
            return resolved;
        }
        for (int i = 0; i < count; i++) {
            boolean member = byUid ? set.contains(uid(i), uid(count - 1)) : set.contains(i + 1, count);
            if (member) {
                resolved.add(uid(i));
            }
        }
        return resolved;
    }

    /** Whether a sequence-number set names numbers past the end (BAD "invalid message sequence number" in rev2 terms). */
    public boolean outOfRange(SequenceSet set) {
        return set.max(Math.max(count, 1)) > count;
    }

    /**
     * Ascending UIDs as ranges over this view: consecutive known messages become one range, so a range
     * never touches a message this session has not been told about.
     */
    public List<UidRange> ranges(List<Long> ascendingUids) {
        List<UidRange> ranges = new ArrayList<>();
        int i = 0;
        while (i < ascendingUids.size()) {
            int j = i;
            int msn = msnOf(ascendingUids.get(i));
            while (j + 1 < ascendingUids.size() && msnOf(ascendingUids.get(j + 1)) == msn + (j + 1 - i)) {
                j++;
            }
            ranges.add(new UidRange(ascendingUids.get(i), ascendingUids.get(j)));
            i = j + 1;
        }
        return ranges;
    }
}

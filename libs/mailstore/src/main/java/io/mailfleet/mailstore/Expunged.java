package io.mailfleet.mailstore;

import java.util.List;

/** UIDs removed by an EXPUNGE (ascending) and the modseq recorded for them (QRESYNC VANISHED). */
public record Expunged(List<Long> uids, long modseq) {
}

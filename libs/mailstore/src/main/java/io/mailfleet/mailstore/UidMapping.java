package io.mailfleet.mailstore;

import java.util.List;

/** COPYUID / MOVE response data: source UIDs and the UIDs their copies got, pairwise, in the target mailbox. */
public record UidMapping(long targetMailboxId, long targetUidValidity, List<Long> sourceUids, List<Long> targetUids, long targetModseq) {
}

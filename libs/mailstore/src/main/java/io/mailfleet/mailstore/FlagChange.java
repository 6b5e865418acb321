package io.mailfleet.mailstore;

/** The flags of a message after a STORE, with the modseq of the change (FETCH FLAGS MODSEQ). */
public record FlagChange(long uid, long modseq, Flags flags) {
}

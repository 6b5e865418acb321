package io.mailfleet.mailstore;

/** Where an appended or delivered message landed: what IMAP's APPENDUID and IDLE's EXISTS need. */
public record AppendResult(long mailboxId, long uidValidity, long uid, long modseq) {
}

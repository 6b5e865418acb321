package io.mailfleet.bench.imap;

/** The IMAP commands of the mix; what each sends is in {@link ImapWorker}. */
enum Operation {
    SELECT, FETCH, SEARCH, STORE, APPEND
}

package io.mailfleet.imap.pop3;

import java.util.BitSet;

/** One POP3 connection's state (RFC 1939 3): AUTHORIZATION, TRANSACTION (with the maildrop snapshot and DELE marks), UPDATE. */
final class Pop3Session {

    enum State { AUTHORIZATION, TRANSACTION, UPDATE }

    final String clientIp;
    State state = State.AUTHORIZATION;
    String username;
    String accountId;
    Pop3Maildrop.Snapshot maildrop;
    final BitSet deleted = new BitSet();
    int authFailures;

    Pop3Session(String clientIp) {
        this.clientIp = clientIp;
    }

    /** The entry for a 1-based message number, or null when there is none or it is marked deleted. */
    Pop3Maildrop.Entry message(int number) {
        if (number < 1 || number > maildrop.entries().size() || deleted.get(number - 1)) {
            return null;
        }
        return maildrop.entries().get(number - 1);
    }

    int count() {
        int count = 0;
        for (int i = 0; i < maildrop.entries().size(); i++) {
            if (!deleted.get(i)) {
                count++;
            }
        }
        return count;
    }

    long size() {
        long size = 0;
        for (int i = 0; i < maildrop.entries().size(); i++) {
            if (!deleted.get(i)) {
                size += maildrop.entries().get(i).size();
            }
        }
        return size;
    }
}

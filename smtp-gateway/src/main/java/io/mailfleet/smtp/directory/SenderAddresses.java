package io.mailfleet.smtp.directory;

import io.mailfleet.directory.AuthResult;

import java.util.Locale;

/** Which sender addresses an authenticated account may use, from auth-service's {@link AuthResult#senderAddresses()}. */
public final class SenderAddresses {

    private SenderAddresses() {
    }

    /** The address is the account's own, one of its aliases, or in a domain it may send as ("@domain"). */
    public static boolean owns(AuthResult account, String address) {
        if (address == null || address.isEmpty() || account.senderAddresses() == null) {
            return false;
        }
        String wanted = address.toLowerCase(Locale.ROOT);
        int at = wanted.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String domain = wanted.substring(at);
        return account.senderAddresses().stream()
                .map(owned -> owned.toLowerCase(Locale.ROOT))
                .anyMatch(owned -> owned.equals(wanted) || owned.equals(domain));
    }
}

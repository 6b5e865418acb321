package io.mailfleet.auth.directory;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mail address and domain syntax as the directory stores them: lower case, domains as A-labels.
 * Local parts are dot-atoms (RFC 5321 §4.1.2 without quoted strings, which no mailbox here uses).
 */
public final class Addresses {

    private static final Pattern DOT_ATOM = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_DOMAIN = 253;

    private Addresses() {
    }

    /** The canonical form of a domain name, or empty when it is not a valid host name with at least two labels. */
    public static Optional<String> domain(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(raw.trim(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.length() > MAX_DOMAIN) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(ascii);
    }

    /** The canonical form of {@code local@domain}, or empty when it is not a valid mailbox address. */
    public static Optional<Address> mailbox(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim();
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            return Optional.empty();
        }
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.length() > MAX_LOCAL_PART || !DOT_ATOM.matcher(local).matches()) {
            return Optional.empty();
        }
        return domain(value.substring(at + 1)).map(domain -> new Address(local, domain));
    }

    public record Address(String localPart, String domain) {

        @Override
        public String toString() {
            return localPart + "@" + domain;
        }

        /** {@code alice+news} → {@code alice}, or empty when there is no detail part. */
        public Optional<Address> withoutDetail(char separator) {
            int cut = localPart.indexOf(separator);
            return cut <= 0 ? Optional.empty() : Optional.of(new Address(localPart.substring(0, cut), domain));
        }

        public Optional<String> detail(char separator) {
            int cut = localPart.indexOf(separator);
            return cut <= 0 || cut == localPart.length() - 1 ? Optional.empty() : Optional.of(localPart.substring(cut + 1));
        }
    }
}

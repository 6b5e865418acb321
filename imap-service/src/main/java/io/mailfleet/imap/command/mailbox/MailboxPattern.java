package io.mailfleet.imap.command.mailbox;

import io.mailfleet.mailstore.Mailboxes;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A LIST pattern (RFC 9051 6.3.9): reference and mailbox argument joined, {@code *} matching anything
 * and {@code %} anything but the hierarchy delimiter. INBOX matches case-insensitively.
 */
record MailboxPattern(Pattern regex) {

    static MailboxPattern of(String reference, String pattern) {
        String full = reference.isEmpty() || pattern.startsWith(String.valueOf(Mailboxes.DELIMITER)) ? pattern : reference + pattern;
        if (full.length() >= 5 && full.substring(0, 5).equalsIgnoreCase(Mailboxes.INBOX)
                && (full.length() == 5 || full.charAt(5) == Mailboxes.DELIMITER || full.charAt(5) == '*' || full.charAt(5) == '%')) {
            full = Mailboxes.INBOX + full.substring(5);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : full.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '%' -> regex.append("[^").append(Pattern.quote(String.valueOf(Mailboxes.DELIMITER))).append("]*");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new MailboxPattern(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex.matcher(name).matches()
                || (name.equals(Mailboxes.INBOX) && regex.matcher(name.toLowerCase(Locale.ROOT)).matches());
    }
}

package io.mailfleet.spam.message;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The RFC5322.From domain DMARC evaluates (RFC 7489 §6.6.1): exactly one From field holding exactly one mailbox. Anything
 * else has no author domain to evaluate.
 */
public final class FromDomain {

    private FromDomain() {
    }

    public static Optional<String> of(RawMessage message) {
        return address(message).map(a -> a.substring(a.lastIndexOf('@') + 1));
    }

    /** The author address (lower case) under the same rule: one From field with one mailbox. */
    public static Optional<String> address(RawMessage message) {
        List<RawMessage.HeaderField> from = message.fields("From");
        if (from.size() != 1) {
            return Optional.empty();
        }
        return address(from.get(0).utf8Value()).map(a -> a.toLowerCase(Locale.ROOT));
    }

    /** The one addr-spec in a From value: inside the last angle brackets, or the bare address; comments and quotes skipped. */
    static Optional<String> address(String value) {
        StringBuilder visible = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        int mailboxes = 1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(' -> depth++;
                case ',' -> mailboxes++;
                default -> visible.append(c);
            }
        }
        if (mailboxes != 1) {
            return Optional.empty();
        }
        String text = visible.toString();
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        String address = open >= 0 && close > open ? text.substring(open + 1, close) : text;
        address = address.strip();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.contains(" ")) {
            return Optional.empty();
        }
        return Optional.of(address);
    }
}

package io.mailfleet.smtp.protocol;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The argument of MAIL FROM / RCPT TO (RFC 5321 4.1.2): a reverse- or forward-path in angle brackets
 * followed by ESMTP parameters. Addresses may carry UTF-8 in the local part and U-labels in the domain
 * (SMTPUTF8, RFC 6531); {@link #ascii()} tells whether the client had to ask for that.
 *
 * @param address    the mailbox as sent, {@code ""} for the null reverse-path {@code <>}
 * @param parameters keyword (upper case) to value (null for a keyword without {@code =value})
 */
public record PathArgument(String address, Map<String, String> parameters) {

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\x{10FFFF}]";
    private static final String LABEL = "[A-Za-z0-9\\u0080-\\x{10FFFF}](?:[A-Za-z0-9\\-\\u0080-\\x{10FFFF}]*[A-Za-z0-9\\u0080-\\x{10FFFF}])?";
    private static final Pattern MAILBOX = Pattern.compile(
            "(?:" + ATEXT + "+(?:\\." + ATEXT + "+)*|\"(?:[^\"\\\\\\r\\n]|\\\\[\\x20-\\x7e])*\")"
                    + "@(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[^\\[\\]\\\\\\s]+\\])");
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-]*");
    private static final int MAX_LOCAL_PART_OCTETS = 64;
    private static final int MAX_DOMAIN_OCTETS = 255;

    /**
     * Parses {@code FROM:<a@b> K=V …} (with {@code prefix} "FROM:" or "TO:", case-insensitive; a space
     * after the colon is tolerated as most MTAs do).
     *
     * @param allowEmpty whether {@code <>} is acceptable (MAIL FROM only)
     * @return empty on a syntax error
     */
    public static Optional<PathArgument> parse(String argument, String prefix, boolean allowEmpty) {
        if (argument.length() < prefix.length() || !argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        if (!rest.startsWith("<")) {
            return Optional.empty();
        }
        int close = closingBracket(rest);
        if (close < 0) {
            return Optional.empty();
        }
        String path = stripSourceRoute(rest.substring(1, close));
        if (path == null) {
            return Optional.empty();
        }
        if (path.isEmpty() ? !allowEmpty : !validMailbox(path)) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String tail = rest.substring(close + 1);
        if (!tail.isEmpty() && !tail.startsWith(" ")) {
            return Optional.empty();
        }
        for (String token : tail.strip().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int equals = token.indexOf('=');
            String keyword = equals < 0 ? token : token.substring(0, equals);
            if (!KEYWORD.matcher(keyword).matches()) {
                return Optional.empty();
            }
            String upper = keyword.toUpperCase(Locale.ROOT);
            if (parameters.containsKey(upper)) {
                return Optional.empty();
            }
            parameters.put(upper, equals < 0 ? null : token.substring(equals + 1));
        }
        return Optional.of(new PathArgument(path, parameters));
    }

    public boolean ascii() {
        return address.chars().allMatch(c -> c < 0x80);
    }

    static boolean validMailbox(String mailbox) {
        if (!MAILBOX.matcher(mailbox).matches()) {
            return false;
        }
        int at = mailbox.lastIndexOf('@');
        return utf8Length(mailbox.substring(0, at)) <= MAX_LOCAL_PART_OCTETS
                && utf8Length(mailbox.substring(at + 1)) <= MAX_DOMAIN_OCTETS;
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Index of the {@code >} closing the path, skipping a quoted local part that may contain one. */
    private static int closingBracket(String text) {
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 5321 4.1.2: an obsolete source route {@code @a,@b:} must be accepted and ignored. */
    private static String stripSourceRoute(String path) {
        if (!path.startsWith("@")) {
            return path;
        }
        int colon = path.indexOf(':');
        return colon < 0 ? null : path.substring(colon + 1);
    }
}

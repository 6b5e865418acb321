package io.mailfleet.spam.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Perl-style {@code /re/flags} or {@code m{re}flags} (any delimiter after m) as a Java pattern. Rule files are written for
 * Perl: POSIX classes ({@code [[:alpha:]]}) are translated; constructs Java has no equivalent for ({@code \K}, branch reset,
 * embedded code) make the rule unsupported rather than the file wrong.
 */
final class PerlRegex {

    /** A well-formed Perl regular expression that Java cannot run. */
    static final class UnsupportedRegexException extends RuntimeException {
        UnsupportedRegexException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern PERL_ONLY = Pattern.compile("%\\{\\w+}|\\\\K|\\(\\?\\||\\(\\?\\??\\{|\\(\\?\\^|\\\\[lLuU]|\\(\\*[A-Z]");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<(?=[A-Za-z_])[A-Za-z0-9_]+>");
    private static final Pattern POSIX = Pattern.compile("\\[:(\\^?)(alpha|digit|alnum|upper|lower|space|punct|print|graph|cntrl|xdigit|blank|word):]");
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(Map.entry("alpha", "Alpha"), Map.entry("digit", "Digit"),
            Map.entry("alnum", "Alnum"), Map.entry("upper", "Upper"), Map.entry("lower", "Lower"), Map.entry("space", "Space"),
            Map.entry("punct", "Punct"), Map.entry("print", "Print"), Map.entry("graph", "Graph"), Map.entry("cntrl", "Cntrl"),
            Map.entry("xdigit", "XDigit"), Map.entry("blank", "Blank"));

    private PerlRegex() {
    }

    static Pattern compile(String text, String source, int line) {
        String value = text.strip();
        char open;
        int start;
        if (value.startsWith("/")) {
            open = '/';
            start = 1;
        } else if (value.startsWith("m") && value.length() > 1) {
            open = value.charAt(1);
            start = 2;
        } else {
            throw new RuleFileException(source, line, "a regular expression must be written /.../ or m{...}");
        }
        char close = switch (open) {
            case '{' -> '}';
            case '(' -> ')';
            case '[' -> ']';
            case '<' -> '>';
            default -> open;
        };
        int end = value.lastIndexOf(close);
        if (end < start) {
            throw new RuleFileException(source, line, "unterminated regular expression");
        }
        int flags = 0;
        for (char flag : value.substring(end + 1).strip().toCharArray()) {
            flags |= switch (flag) {
                // ASCII case folding, as SpamAssassin's rules on octets; Unicode folding would cost a fifth more CPU
                case 'i' -> Pattern.CASE_INSENSITIVE;
                case 's' -> Pattern.DOTALL;
                case 'm' -> Pattern.MULTILINE;
                case 'x' -> Pattern.COMMENTS;
                case 'g', 'o' -> 0; // Perl's global match and compile-once: meaningless for a yes/no test
                default -> throw new RuleFileException(source, line, "unsupported regex flag " + flag);
            };
        }
        String body = value.substring(start, end);
        if (open != '{' && open != '(' && open != '[' && open != '<') {
            body = body.replace("\\" + open, String.valueOf(open));
        }
        if (PERL_ONLY.matcher(body).find()) {
            throw new UnsupportedRegexException(body);
        }
        try {
            // Java's group names allow no '_': the name only serves SpamAssassin's captures, so the group stays, unnamed
            return Pattern.compile(NAMED_GROUP.matcher(translate(body)).replaceAll("("), flags);
        } catch (PatternSyntaxException e) {
            throw new RuleFileException(source, line, "invalid regular expression: " + e.getDescription());
        }
    }

    /**
     * Perl's character-class and escape dialect in Java's: octal escapes ({@code \\042}) become hex, POSIX classes become
     * {@code \\p{…}}, and inside a class a {@code [} or {@code &} is escaped (Perl reads them literally, Java as union and
     * intersection).
     */
    static String translate(String body) {
        StringBuilder out = new StringBuilder(body.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                int octal = octalLength(body, i + 1);
                if (octal > 0) {
                    out.append(String.format("\\x{%x}", Integer.parseInt(body.substring(i + 1, i + 1 + octal), 8)));
                    i += octal;
                } else {
                    out.append(c).append(body.charAt(++i));
                }
            } else if (!inClass && c == '[') {
                inClass = true;
                out.append(c);
                if (i + 1 < body.length() && body.charAt(i + 1) == '^') {
                    out.append(body.charAt(++i));
                }
                if (i + 1 < body.length() && body.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
            } else if (inClass && c == '[') {
                Matcher posix = POSIX.matcher(body).region(i, body.length());
                if (posix.lookingAt()) {
                    out.append(posixClass(posix.group(1), posix.group(2)));
                    i = posix.end() - 1;
                } else {
                    out.append("\\[");
                }
            } else if (inClass && c == '&') {
                out.append("\\&");
            } else {
                if (inClass && c == ']') {
                    inClass = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Perl reads {@code \\0}, {@code \\0n}, {@code \\0nn} and {@code \\nnn} (three digits) as octal; {@code \\1}… are back-references. */
    private static int octalLength(String body, int at) {
        int length = 0;
        while (length < 3 && at + length < body.length() && body.charAt(at + length) >= '0' && body.charAt(at + length) <= '7') {
            length++;
        }
        return length == 3 || length > 0 && body.charAt(at) == '0' ? length : 0;
    }

    private static String posixClass(String negation, String name) {
        boolean negated = !negation.isEmpty();
        if (name.equals("word")) {
            return negated ? "\\W" : "\\w";
        }
        return (negated ? "\\P{" : "\\p{") + POSIX_CLASSES.get(name) + "}";
    }
}

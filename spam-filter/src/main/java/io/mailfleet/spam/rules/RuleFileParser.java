package io.mailfleet.spam.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads rule files in the SpamAssassin rule syntax (a subset: {@code header}, {@code body}, {@code uri}, {@code score},
 * {@code describe}), so rules can be written the way mail administrators know. Plus one line {@code version N} per file.
 *
 * <pre>
 * version  2026112801
 * header   SUBJECT_ALL_CAPS  Subject =~ /^[^a-z]{12,}$/
 * header   MISSING_DATE      !exists:Date
 * body     LOTTERY_WINNER    /you have won .{0,40}lottery/i
 * uri      URI_NUMERIC_HOST  m{^https?://\d+\.\d+\.\d+\.\d+}
 * score    LOTTERY_WINNER    2.5
 * describe LOTTERY_WINNER    Claims the reader won a lottery
 * </pre>
 */
public final class RuleFileParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_TEST = Pattern.compile("([A-Za-z0-9_-]+)\\s*(=~|!~)\\s*(.+)");
    private static final Pattern EXISTS = Pattern.compile("(!?)exists:([A-Za-z0-9_-]+)");

    private long version;
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, Double> scores = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();

    /** Adds one file; later files override scores and descriptions of earlier ones and may redefine rules. */
    public RuleFileParser add(String source, String text) {
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            int number = i + 1;
            String keyword = parts[0];
            if (keyword.equals("version")) {
                try {
                    version = Math.max(version, Long.parseLong(parts[1]));
                } catch (RuntimeException e) {
                    throw new RuleFileException(source, number, "version must be a number");
                }
                continue;
            }
            if (parts.length < 3) {
                throw new RuleFileException(source, number, "expected '" + keyword + " NAME ...'");
            }
            String name = parts[1];
            if (!NAME.matcher(name).matches()) {
                throw new RuleFileException(source, number, "invalid rule name " + name);
            }
            String argument = parts[2];
            switch (keyword) {
                case "header" -> define(header(name, argument, source, number));
                case "body" -> define(new Rule.BodyRule(name, regex(argument, source, number)));
                case "uri" -> define(new Rule.UriRule(name, regex(argument, source, number)));
                case "score" -> {
                    try {
                        scores.put(name, Double.parseDouble(argument.split("\\s+")[0]));
                    } catch (NumberFormatException e) {
                        throw new RuleFileException(source, number, "score of " + name + " is not a number");
                    }
                }
                case "describe" -> descriptions.put(name, argument);
                default -> throw new RuleFileException(source, number, "unknown keyword " + keyword);
            }
        }
        return this;
    }

    public RuleSet build() {
        return new RuleSet(version, List.copyOf(rules), Map.copyOf(scores), Map.copyOf(descriptions));
    }

    private void define(Rule rule) {
        rules.removeIf(existing -> existing.name().equals(rule.name()));
        rules.add(rule);
    }

    private static Rule header(String name, String argument, String source, int line) {
        Matcher exists = EXISTS.matcher(argument.strip());
        if (exists.matches()) {
            return new Rule.HeaderRule(name, exists.group(2), null, !exists.group(1).isEmpty(), true);
        }
        Matcher test = HEADER_TEST.matcher(argument.strip());
        if (!test.matches()) {
            throw new RuleFileException(source, line, "expected 'Header =~ /regex/' or 'exists:Header'");
        }
        return new Rule.HeaderRule(name, test.group(1), regex(test.group(3), source, line), test.group(2).equals("!~"), false);
    }

    /** Perl-style {@code /re/flags} or {@code m{re}flags} (any delimiter after m); flags i, s, m, x. */
    static Pattern regex(String text, String source, int line) {
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
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 's' -> Pattern.DOTALL;
                case 'm' -> Pattern.MULTILINE;
                case 'x' -> Pattern.COMMENTS;
                default -> throw new RuleFileException(source, line, "unsupported regex flag " + flag);
            };
        }
        String body = value.substring(start, end);
        if (open == '/') {
            body = body.replace("\\/", "/");
        }
        try {
            return Pattern.compile(body, flags);
        } catch (PatternSyntaxException e) {
            throw new RuleFileException(source, line, "invalid regular expression: " + e.getDescription());
        }
    }
}

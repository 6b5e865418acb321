package io.mailfleet.spam.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads rule files in SpamAssassin's rule syntax, so rules can be written the way mail administrators know and the stock
 * SpamAssassin rule set (as sa-update writes it) can be loaded as it is. Implemented: {@code header} (with {@code exists:},
 * {@code :addr}/{@code :name}/{@code :raw}, the pseudo-headers {@code ALL}, {@code ToCc}, {@code MESSAGEID},
 * {@code EnvelopeFrom}, {@code [if-unset: …]}), {@code body}, {@code rawbody}, {@code full}, {@code uri}, {@code meta},
 * {@code score} (the Bayes + network score set when four are given; 0 disables a rule), {@code describe},
 * {@code if}/{@code ifplugin}/{@code else}/{@code endif} and the ReplaceTags plugin's {@code replace_*} lines. Plus one line
 * {@code version N} per file.
 *
 * <p>What needs SpamAssassin's Perl plugins ({@code eval:} tests, DNS lists, whitelists, …) is skipped and counted, as a
 * SpamAssassin without that plugin would; a meta rule reading a skipped rule sees it as not hit. A line that is wrong in
 * itself (unknown keyword, broken regular expression, bad score) makes the file an error, named by file and line.
 *
 * <pre>
 * version  2026112801
 * header   SUBJECT_ALL_CAPS  Subject =~ /^[^a-z]{12,}$/
 * header   MISSING_DATE      !exists:Date
 * body     LOTTERY_WINNER    /you have won .{0,40}lottery/i
 * uri      URI_NUMERIC_HOST  m{^https?://\d+\.\d+\.\d+\.\d+}
 * meta     WINNER_NO_DATE    LOTTERY_WINNER &amp;&amp; MISSING_DATE
 * score    LOTTERY_WINNER    2.5
 * describe LOTTERY_WINNER    Claims the reader won a lottery
 * </pre>
 */
public final class RuleFileParser {

    /** The SpamAssassin version {@code if (version >= …)} blocks are read as: the rule syntax this parser follows. */
    static final double SPAMASSASSIN_VERSION = 4.000001;
    /** SpamAssassin plugins whose rule syntax is implemented here, so their {@code ifplugin} blocks are read. */
    private static final Set<String> PLUGINS = Set.of("Mail::SpamAssassin::Plugin::ReplaceTags", "Mail::SpamAssassin::Plugin::FreeMail",
            "Mail::SpamAssassin::Plugin::HeaderEval");
    private static final Set<String> RULE_KEYWORDS = Set.of("header", "body", "rawbody", "full", "uri", "meta");
    /** Lines about rules that are not part of scoring (tests, translations, ordering, flags): nothing to do, nothing to report. */
    private static final Set<String> NOT_SCORING = Set.of("tflags", "priority", "lang", "reuse", "test");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_TEST = Pattern.compile("([A-Za-z0-9_-]+(?::[a-z]+)*)\\s*(=~|!~)\\s*(.+?)(?:\\s*\\[if-unset:\\s*(.*)])?");
    private static final Pattern EXISTS = Pattern.compile("(!?)exists:([A-Za-z0-9_-]+)");
    private static final Pattern COMMENT = Pattern.compile("(?<!\\\\)#.*");
    private static final Pattern TAG = Pattern.compile("<(?:(?:pre|inter|post) )?([A-Za-z0-9_]+)>");

    private long version;
    private final List<String> skipped = new ArrayList<>();
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, Double> scores = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private final Map<String, String> replaceTags = new LinkedHashMap<>();
    private final Set<String> replaceRules = new HashSet<>();
    private final FreemailDomains freemail = new FreemailDomains();

    /** A rule as written, kept so the ReplaceTags plugin's tags can be filled in once every file is read. */
    private record Definition(String keyword, String name, String argument, String source, int line, Rule rule) {
    }

    /** Adds one file; later files override scores and descriptions of earlier ones and may redefine rules. */
    public RuleFileParser add(String source, String text) {
        String[] lines = text.split("\r?\n");
        Deque<Boolean> conditions = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            // SpamAssassin: '#' starts a comment anywhere unless escaped as '\#'
            String line = COMMENT.matcher(lines[i]).replaceFirst("").replace("\\#", "#").strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            String keyword = parts[0];
            switch (keyword) {
                case "if", "ifplugin" -> conditions.push(active(conditions)
                        && condition(keyword, line.substring(keyword.length()).strip(), source, number));
                case "else" -> {
                    if (conditions.isEmpty()) {
                        throw new RuleFileException(source, number, "else without if");
                    }
                    boolean taken = conditions.pop();
                    conditions.push(active(conditions) && !taken);
                }
                case "endif" -> {
                    if (conditions.isEmpty()) {
                        throw new RuleFileException(source, number, "endif without if");
                    }
                    conditions.pop();
                }
                default -> {
                    if (active(conditions)) {
                        line(parts, line, source, number);
                    }
                }
            }
        }
        if (!conditions.isEmpty()) {
            throw new RuleFileException(source, lines.length, "if without endif");
        }
        return this;
    }

    public RuleSet build() {
        List<Rule> rules = new ArrayList<>();
        List<String> unsupported = new ArrayList<>(skipped);
        for (Definition definition : definitions.values()) {
            if (definition.argument().startsWith("eval:")) {
                // resolved last: the freemail_domains an eval reads may come after the rule
                EvalTests.of(definition.argument(), freemail).ifPresentOrElse(test -> rules.add(new Rule.EvalRule(definition.name(), test)),
                        () -> unsupported.add(definition.source() + ":" + definition.line() + ": " + definition.name()
                                + " needs a SpamAssassin plugin (" + definition.argument() + ")"));
            } else if (replaceRules.contains(definition.name()) && definition.rule() != null) {
                Rule tagged = define(definition.keyword(), definition.name(), withTags(definition.argument()), definition.source(), definition.line());
                if (tagged == null) {
                    unsupported.add(definition.source() + ":" + definition.line() + ": " + definition.name() + " uses a Perl-only regular expression");
                } else {
                    rules.add(tagged);
                }
            } else if (definition.rule() != null) {
                rules.add(definition.rule());
            }
        }
        return new RuleSet(version, List.copyOf(rules), Map.copyOf(scores), Map.copyOf(descriptions), List.copyOf(unsupported));
    }

    private static boolean active(Deque<Boolean> conditions) {
        return conditions.isEmpty() || conditions.peek();
    }

    private static boolean condition(String keyword, String argument, String source, int line) {
        if (keyword.equals("ifplugin")) {
            return PLUGINS.contains(argument);
        }
        try {
            return RuleExpression.parse(argument).value(RuleFileParser::conditionVariable) != 0;
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(source, line, "invalid condition: " + e.getMessage());
        }
    }

    /** {@code version}, {@code plugin(Name)} and {@code can(feature)}: the rule syntax features this parser follows. */
    private static double conditionVariable(String name) {
        if (name.equals("version")) {
            return SPAMASSASSIN_VERSION;
        }
        if (name.startsWith("plugin(")) {
            return PLUGINS.contains(name.substring(7, name.length() - 1).strip()) ? 1 : 0;
        }
        String feature = name.startsWith("can(") ? name.substring(name.lastIndexOf(':') + 1, name.length() - 1) : "";
        return feature.startsWith("feature_") || feature.startsWith("perl_min_version_") ? 1 : 0;
    }

    private void line(String[] parts, String line, String source, int number) {
        String keyword = parts[0];
        if (keyword.equals("version")) {
            try {
                version = Math.max(version, Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw new RuleFileException(source, number, "version must be a number");
            }
            return;
        }
        if (NOT_SCORING.contains(keyword)) {
            return;
        }
        if (keyword.equals("freemail_domains")) {
            freemail.add(line.substring(keyword.length()));
            return;
        }
        if (!RULE_KEYWORDS.contains(keyword) && !keyword.equals("score") && !keyword.equals("describe") && !keyword.startsWith("replace_")) {
            // SpamAssassin settings for plugins and scanning we do not have (whitelists, DNS lists, reports, …)
            skipped.add(source + ":" + number + ": " + keyword + " is not supported");
            return;
        }
        if (keyword.startsWith("replace_")) {
            replace(keyword, parts, line, source, number);
            return;
        }
        if (parts.length < 3) {
            throw new RuleFileException(source, number, "expected '" + keyword + " NAME ...'");
        }
        String name = parts[1];
        if (!NAME.matcher(name).matches()) {
            throw new RuleFileException(source, number, "invalid rule name " + name);
        }
        String argument = parts[2].strip();
        switch (keyword) {
            case "score" -> scores.put(name, score(name, argument, source, number));
            case "describe" -> descriptions.put(name, argument);
            default -> {
                Rule rule = argument.startsWith("eval:") ? null : define(keyword, name, argument, source, number);
                if (rule == null && !argument.startsWith("eval:")) {
                    skipped.add(source + ":" + number + ": " + name + " uses a Perl-only regular expression");
                }
                definitions.remove(name);
                definitions.put(name, new Definition(keyword, name, argument, source, number, rule));
            }
        }
    }

    /** {@code score NAME n} or SpamAssassin's four score sets (no Bayes/no network, network, Bayes, both): we have both. */
    private static double score(String name, String argument, String source, int line) {
        String[] values = argument.replaceAll("#.*", "").strip().split("\\s+");
        try {
            return Double.parseDouble(values.length == 4 ? values[3] : values[0]);
        } catch (NumberFormatException e) {
            throw new RuleFileException(source, line, "score of " + name + " is not a number");
        }
    }

    private void replace(String keyword, String[] parts, String line, String source, int number) {
        switch (keyword) {
            case "replace_rules" -> replaceRules.addAll(List.of(line.substring(keyword.length()).strip().split("\\s+")));
            case "replace_tag", "replace_pre", "replace_inter", "replace_post" -> {
                if (parts.length < 3) {
                    throw new RuleFileException(source, number, "expected '" + keyword + " NAME regex'");
                }
                replaceTags.put(parts[1], parts[2].strip());
            }
            case "replace_start", "replace_end" -> {
                if (!parts[1].equals(keyword.equals("replace_start") ? "<" : ">")) {
                    throw new RuleFileException(source, number, "only the default tag delimiters < > are supported");
                }
            }
            default -> throw new RuleFileException(source, number, "unknown keyword " + keyword);
        }
    }

    /** Fills in ReplaceTags' {@code <TAG>}, {@code <inter TAG>}…, repeatedly, since tags may contain tags. */
    private String withTags(String argument) {
        String result = argument;
        for (int round = 0; round < 5; round++) {
            Matcher tag = TAG.matcher(result);
            StringBuilder replaced = new StringBuilder();
            boolean changed = false;
            while (tag.find()) {
                String value = replaceTags.get(tag.group(1));
                changed |= value != null;
                tag.appendReplacement(replaced, Matcher.quoteReplacement(value == null ? tag.group() : value));
            }
            tag.appendTail(replaced);
            result = replaced.toString();
            if (!changed) {
                break;
            }
        }
        return result;
    }

    /** The rule, or null when it needs what SpamAssassin's Perl does and Java's regular expressions do not. */
    private Rule define(String keyword, String name, String argument, String source, int line) {
        try {
            return switch (keyword) {
                case "header" -> header(name, argument, source, line);
                case "body" -> new Rule.BodyRule(name, PerlRegex.compile(argument, source, line));
                case "rawbody" -> new Rule.RawBodyRule(name, PerlRegex.compile(argument, source, line));
                case "full" -> new Rule.FullRule(name, PerlRegex.compile(argument, source, line));
                case "uri" -> new Rule.UriRule(name, PerlRegex.compile(argument, source, line));
                default -> meta(name, argument, source, line);
            };
        } catch (PerlRegex.UnsupportedRegexException e) {
            return null;
        }
    }

    private static Rule meta(String name, String argument, String source, int line) {
        try {
            return new Rule.MetaRule(name, RuleExpression.parse(argument));
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(source, line, "invalid meta expression: " + e.getMessage());
        }
    }

    private static Rule header(String name, String argument, String source, int line) {
        Matcher exists = EXISTS.matcher(argument);
        if (exists.matches()) {
            return new Rule.HeaderRule(name, new HeaderSelector(exists.group(2), HeaderSelector.Part.WHOLE, false, ""), null,
                    !exists.group(1).isEmpty(), true);
        }
        Matcher test = HEADER_TEST.matcher(argument);
        if (!test.matches()) {
            throw new RuleFileException(source, line, "expected 'Header =~ /regex/' or 'exists:Header'");
        }
        try {
            HeaderSelector selector = HeaderSelector.parse(test.group(1), test.group(4) == null ? "" : test.group(4).strip());
            return new Rule.HeaderRule(name, selector, PerlRegex.compile(test.group(3), source, line), test.group(2).equals("!~"), false);
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(source, line, e.getMessage());
        }
    }
}

package io.mailfleet.spam.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules in force: a version (from the files' {@code version} lines, highest wins) so that an update can be seen in
 * metrics and logs, the rules (also by name, for meta rules), their scores and descriptions, and what was skipped as
 * unsupported (file:line: why). Immutable; built once per load, read by every message.
 */
public final class RuleSet {

    public static final double DEFAULT_SCORE = 1.0;

    private final long version;
    private final List<Rule> rules;
    private final Map<String, Rule> byName;
    private final Map<String, Double> scores;
    private final Map<String, String> descriptions;
    private final List<String> skipped;
    /** For body, rawbody and full rules: literals one of which a text must contain before the pattern is worth running. */
    private final Map<String, RequiredLiteral.AnyOf> literals;

    public RuleSet(long version, List<Rule> rules, Map<String, Double> scores, Map<String, String> descriptions, List<String> skipped) {
        this.version = version;
        this.rules = List.copyOf(rules);
        this.byName = this.rules.stream().collect(Collectors.toUnmodifiableMap(Rule::name, Function.identity()));
        this.scores = Map.copyOf(scores);
        this.descriptions = Map.copyOf(descriptions);
        this.skipped = List.copyOf(skipped);
        Map<String, RequiredLiteral.AnyOf> required = new HashMap<>();
        for (Rule rule : this.rules) {
            textPattern(rule).flatMap(RequiredLiteral::anyOf).ifPresent(any -> required.put(rule.name(), any));
        }
        this.literals = Map.copyOf(required);
    }

    private static Optional<Pattern> textPattern(Rule rule) {
        if (rule instanceof Rule.BodyRule body) {
            return Optional.of(body.pattern());
        }
        if (rule instanceof Rule.RawBodyRule body) {
            return Optional.of(body.pattern());
        }
        return rule instanceof Rule.FullRule full ? Optional.of(full.pattern()) : Optional.empty();
    }

    public long version() {
        return version;
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The literals one of which the text must contain for the rule to match, if its pattern names any. */
    Optional<RequiredLiteral.AnyOf> requiredLiterals(String rule) {
        return Optional.ofNullable(literals.get(rule));
    }

    public List<String> skipped() {
        return skipped;
    }

    public double score(String rule) {
        return scores.getOrDefault(rule, DEFAULT_SCORE);
    }

    /** Building blocks ({@code __NAME}) and rules scored 0 are evaluated for meta rules but never reported. */
    public boolean reported(String rule) {
        return !rule.startsWith("__") && score(rule) != 0;
    }

    public String description(String rule) {
        return descriptions.getOrDefault(rule, rule);
    }
}

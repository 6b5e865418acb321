package io.mailfleet.spam.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

    public RuleSet(long version, List<Rule> rules, Map<String, Double> scores, Map<String, String> descriptions, List<String> skipped) {
        this.version = version;
        this.rules = List.copyOf(rules);
        this.byName = this.rules.stream().collect(Collectors.toUnmodifiableMap(Rule::name, Function.identity()));
        this.scores = Map.copyOf(scores);
        this.descriptions = Map.copyOf(descriptions);
        this.skipped = List.copyOf(skipped);
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

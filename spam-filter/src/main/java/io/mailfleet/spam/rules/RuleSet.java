package io.mailfleet.spam.rules;

import java.util.List;
import java.util.Map;

/**
 * The rules in force: a version (from the files' {@code version} lines, highest wins) so that an update can be seen in
 * metrics and logs, the rules, their scores and descriptions, and what was skipped as unsupported (file:line: why).
 */
public record RuleSet(long version, List<Rule> rules, Map<String, Double> scores, Map<String, String> descriptions, List<String> skipped) {

    public static final double DEFAULT_SCORE = 1.0;

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

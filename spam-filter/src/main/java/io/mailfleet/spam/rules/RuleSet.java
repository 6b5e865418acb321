package io.mailfleet.spam.rules;

import java.util.List;
import java.util.Map;

/**
 * The rules in force: a version (from the files' {@code version} lines, highest wins) so that an update can be seen in
 * metrics and logs, the rules, and their scores and descriptions.
 */
public record RuleSet(long version, List<Rule> rules, Map<String, Double> scores, Map<String, String> descriptions) {

    public static final double DEFAULT_SCORE = 1.0;

    public double score(String rule) {
        return scores.getOrDefault(rule, DEFAULT_SCORE);
    }

    public String description(String rule) {
        return descriptions.getOrDefault(rule, rule);
    }
}

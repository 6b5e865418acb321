package io.mailfleet.spam.rules;

import io.mailfleet.spam.verdict.ScanContext;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/** One named test from a rule file. Names starting with {@code __} are building blocks of meta rules, never reported. */
public sealed interface Rule {

    String name();

    /** What a header rule looks at ({@link HeaderSelector}); {@code existsOnly}: whether any such field is present. */
    record HeaderRule(String name, HeaderSelector selector, Pattern pattern, boolean negated, boolean existsOnly) implements Rule {
    }

    /** Matched against the subject and the decoded text of the body (HTML without tags), as SpamAssassin's body rules. */
    record BodyRule(String name, Pattern pattern) implements Rule {
    }

    /** Matched against the decoded body parts with their markup (HTML tags kept). */
    record RawBodyRule(String name, Pattern pattern) implements Rule {
    }

    /** Matched against the whole message as received, header and undecoded body. */
    record FullRule(String name, Pattern pattern) implements Rule {
    }

    /** Matched against each http(s) URI in the message. */
    record UriRule(String name, Pattern pattern) implements Rule {
    }

    /** One of SpamAssassin's Perl eval tests that we implement ({@link EvalTests}). */
    record EvalRule(String name, Predicate<ScanContext> test) implements Rule {
    }

    /** A boolean or arithmetic combination of other rules' results. */
    record MetaRule(String name, RuleExpression.Node expression) implements Rule {
    }
}

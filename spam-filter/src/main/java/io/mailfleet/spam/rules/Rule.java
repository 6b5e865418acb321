package io.mailfleet.spam.rules;

import java.util.regex.Pattern;

/** One named, scored test from a rule file. */
public sealed interface Rule {

    String name();

    /** What a header rule looks at: one field by name, or every field ("ALL"). */
    record HeaderRule(String name, String header, Pattern pattern, boolean negated, boolean existsOnly) implements Rule {
    }

    /** Matched against the decoded text of the body (HTML without tags). */
    record BodyRule(String name, Pattern pattern) implements Rule {
    }

    /** Matched against each http(s) URI in the message. */
    record UriRule(String name, Pattern pattern) implements Rule {
    }
}

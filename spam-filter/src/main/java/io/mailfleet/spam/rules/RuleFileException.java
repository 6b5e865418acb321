package io.mailfleet.spam.rules;

/** A rule file that cannot be used; the rules in force stay as they were. */
public class RuleFileException extends RuntimeException {

    public RuleFileException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
    }
}

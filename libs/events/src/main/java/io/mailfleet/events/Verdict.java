package io.mailfleet.events;

import java.util.List;

/**
 * The spam filter's decision on a message. It travels as the JSON header {@code mailfleet-verdict} (see {@link MailHeaders#VERDICT})
 * on {@code mail.scored}.
 *
 * @param symbols names of the rules and checks that fired, with their scores
 */
public record Verdict(double score, Action action, List<Symbol> symbols) {

    public enum Action { DELIVER, JUNK, QUARANTINE, REJECT }

    public record Symbol(String name, double score, String detail) {
    }

    public Verdict {
        action = action == null ? Action.DELIVER : action;
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
    }

    /** The verdict of a stage that looked at nothing: deliver, score 0. */
    public static Verdict empty() {
        return new Verdict(0.0, Action.DELIVER, List.of());
    }
}

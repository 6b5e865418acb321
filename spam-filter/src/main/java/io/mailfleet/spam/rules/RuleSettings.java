package io.mailfleet.spam.rules;

import io.mailfleet.spam.SpamFilterConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Rule settings outside Quarkus (spam-eval, tests): the configuration's defaults, with or without a rules directory. */
public record RuleSettings(Optional<Path> directory, Duration reloadInterval, Duration matchTimeout) implements SpamFilterConfig.Rules {

    /** As {@code mailfleet.spam.rules.*} defaults: reload every 30 s, 250 ms of CPU per rule and message. */
    public static RuleSettings defaults(Optional<Path> directory) {
        return new RuleSettings(directory, Duration.ofSeconds(30), Duration.ofMillis(250));
    }
}

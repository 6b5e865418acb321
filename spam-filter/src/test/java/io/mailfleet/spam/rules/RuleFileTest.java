package io.mailfleet.spam.rules;

import io.mailfleet.spam.SpamFilterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleFileTest {

    @Test
    void parsesSpamAssassinStyleRules() {
        RuleSet rules = new RuleFileParser().add("test.cf", """
                # comment
                version 7
                header   CAPS    Subject =~ /^[A-Z ]+$/
                header   NO_DATE !exists:Date
                header   NOT_ME  From !~ /@example\\.org/i
                body     WON     /you won/i
                uri      IPHOST  m{^https?://\\d+\\.\\d+\\.\\d+\\.\\d+}
                score    WON     2.5
                describe WON     Claims a win
                """).build();
        assertEquals(7, rules.version());
        assertEquals(5, rules.rules().size());
        assertEquals(2.5, rules.score("WON"));
        assertEquals(RuleSet.DEFAULT_SCORE, rules.score("CAPS"));
        assertEquals("Claims a win", rules.description("WON"));
        Rule.HeaderRule notMe = (Rule.HeaderRule) rules.rules().get(2);
        assertTrue(notMe.negated());
        assertTrue(notMe.pattern().matcher("a@EXAMPLE.org").find());
        Rule.UriRule uri = (Rule.UriRule) rules.rules().get(4);
        assertTrue(uri.pattern().matcher("http://10.1.2.3/login").find());
    }

    @Test
    void errorsNameFileAndLine() {
        RuleFileException bad = assertThrows(RuleFileException.class,
                () -> new RuleFileParser().add("bad.cf", "version 1\nbody BROKEN /([a-z/\n"));
        assertTrue(bad.getMessage().startsWith("bad.cf:2:"), bad.getMessage());
        assertThrows(RuleFileException.class, () -> new RuleFileParser().add("x.cf", "meta X A &&\n"));
        assertThrows(RuleFileException.class, () -> new RuleFileParser().add("x.cf", "if (version >= 3\nbody X /a/\nendif\n"));
        assertThrows(RuleFileException.class, () -> new RuleFileParser().add("x.cf", "ifplugin Foo\nbody X /a/\n"));
        assertThrows(RuleFileException.class, () -> new RuleFileParser().add("x.cf", "header X From:nick =~ /a/\n"));
        assertThrows(RuleFileException.class, () -> new RuleFileParser().add("x.cf", "score X high\n"));
        assertThrows(RuleFileException.class, () -> new RuleFileParser().add("x.cf", "body X /a/q\n"));
    }

    @Test
    void laterFilesOverrideAndTheBuiltInFileParses(@TempDir Path directory) throws Exception {
        RuleRepository repository = new RuleRepository(rules(directory));
        long builtIn = repository.current().version();
        assertTrue(repository.current().rules().size() > 10);
        assertEquals(3.0, repository.current().score("LOTTERY_WINNER"));

        Path update = directory.resolve("50-update.cf");
        Files.writeString(update, "version " + (builtIn + 1) + "\nscore LOTTERY_WINNER 4.5\nbody NEW_RULE /brand new/\n");
        assertTrue(repository.reloadIfChanged());
        assertEquals(builtIn + 1, repository.current().version());
        assertEquals(4.5, repository.current().score("LOTTERY_WINNER"));
        assertTrue(repository.current().rules().stream().anyMatch(r -> r.name().equals("NEW_RULE")));
        assertFalse(repository.reloadIfChanged(), "nothing changed");

        Files.writeString(update, "version 99\nbody BROKEN /(/\n");
        Files.setLastModifiedTime(update, FileTime.from(Instant.now().plusSeconds(5)));
        assertFalse(repository.reloadIfChanged(), "a broken update is refused");
        assertEquals(builtIn + 1, repository.current().version(), "the previous rules stay in force");
    }

    private static SpamFilterConfig.Rules rules(Path directory) {
        return RuleSettings.defaults(Optional.of(directory));
    }
}

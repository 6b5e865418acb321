package io.mailfleet.spam.rules;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The literal pre-filter may only ever skip a pattern that cannot match. */
class RequiredLiteralTest {

    @Test
    void takesTheLongestCertainRunOfEachTopLevelAlternative() {
        assertEquals(List.of("you have won"), literals("\\byou have won\\b.{0,40}lottery", 0));
        assertEquals(List.of("lottery winner", "jackpot"), literals("lottery winner|jackpot", 0));
        assertEquals(List.of("dear friend"), literals("DEAR FRIEND", Pattern.CASE_INSENSITIVE), "lower case when case is ignored");
        assertEquals(List.of("@bank.example"), literals("[a-z]+\\@bank\\.example", 0), "escaped punctuation is literal");
    }

    @Test
    void quantifiersGroupsClassesAndEscapesAreNotLiterals() {
        assertEquals(List.of("abc"), literals("abcd?efg*h{0,3}", 0), "an optional character ends the run before it");
        assertEquals(List.of("wor"), literals("wor+ld{2}", 0), "a repeated character is there once, then the run ends");
        assertEquals(Optional.empty(), RequiredLiteral.anyOf(Pattern.compile("[-a-z]{0,60}\\@x")), "no digits of {0,60}");
        assertEquals(List.of(" no"), literals("(?:money|cash) now?", 0), "only what is outside the group and not optional");
        assertEquals(List.of("send"), literals("\\p{Alpha}send\\x41\\d+", 0), "no letters from \\p{Alpha} or \\x41");
        assertEquals(Optional.empty(), RequiredLiteral.anyOf(Pattern.compile("ab|c")), "every alternative needs a literal");
    }

    @Test
    void patternsWhoseLiteralsCannotBeTrustedGiveNone() {
        assertEquals(Optional.empty(), RequiredLiteral.anyOf(Pattern.compile("abc(?i)defgh")), "flags switched inside");
        assertEquals(Optional.empty(), RequiredLiteral.anyOf(Pattern.compile("you have won", Pattern.COMMENTS)), "x ignores spaces");
        assertEquals(Optional.empty(), RequiredLiteral.anyOf(Pattern.compile("\\Qa.b.c\\E")));
    }

    @Test
    void aTextWithoutTheLiteralIsSkippedOnlyWhenThePatternCannotMatchIt() {
        for (String source : List.of("\\bverify your account\\b", "(?i)FREE MONEY", "click here|unsubscribe now", "a+bcd{2}e")) {
            Pattern pattern = Pattern.compile(source, Pattern.CASE_INSENSITIVE);
            RequiredLiteral.AnyOf any = RequiredLiteral.anyOf(pattern).orElseThrow();
            for (String text : List.of("Please VERIFY YOUR ACCOUNT today", "free money!", "Click HERE", "aaaBCDDe", "nothing here")) {
                boolean matches = pattern.matcher(text).find();
                boolean may = any.mayMatch(text, () -> text.toLowerCase(java.util.Locale.ROOT));
                assertTrue(may || !matches, source + " on " + text);
            }
            assertFalse(any.mayMatch("nothing at all", () -> "nothing at all"), source);
        }
    }

    private static List<String> literals(String source, int flags) {
        return RequiredLiteral.anyOf(Pattern.compile(source, flags)).orElseThrow().literals();
    }
}

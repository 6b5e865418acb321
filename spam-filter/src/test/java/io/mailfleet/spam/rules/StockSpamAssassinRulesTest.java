package io.mailfleet.spam.rules;

import io.mailfleet.events.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule set of Debian's {@code spamassassin} package (what sa-update maintains) loads as it is and its rules fire
 * through our engine. CI installs the package; elsewhere the test runs when it is there.
 */
class StockSpamAssassinRulesTest {

    private static final Path STOCK = Path.of("/usr/share/spamassassin");

    @Test
    void theStockRuleSetLoadsAndScores() {
        Assumptions.assumeTrue(System.getenv("CI") != null || Files.isDirectory(STOCK), "SpamAssassin's rules are not installed");
        RuleRepository repository = new RuleRepository(RuleSettings.defaults(Optional.of(STOCK)));
        RuleSet rules = repository.current();
        assertTrue(rules.rules().size() > 1500, "rules loaded: " + rules.rules().size());
        assertTrue(rules.rules().stream().anyMatch(rule -> rule instanceof Rule.MetaRule), "meta rules");

        String spam = """
                From: "Bank Support" <support@bank.example>
                To: alice@mailfleet.example
                Subject: URGENT BUSINESS RELATIONSHIP
                Message-ID: <12345$abcdef01$00000000@mx.example>
                Date: Sat, 28 Nov 2026 10:00:00 +2500
                X-MSMail-Priority: High
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                Dear Friend, I am the son of the late minister of finance. I need your assistance to transfer
                the sum of US$25,000,000.00 (twenty five million united states dollars) into your bank account.
                You will receive 30% of the total sum. Please keep this strictly confidential.
                """.replace("\n", "\r\n");
        List<String> hits = new RuleCheck(repository).evaluate(SpamAssassinSyntaxTest.context(spam)).stream().map(Verdict.Symbol::name).toList();
        assertTrue(hits.contains("INVALID_DATE_TZ_ABSURD"), "a header rule: " + hits);
        assertTrue(hits.contains("MISSING_MIMEOLE"), "a meta rule over header rules: " + hits);
        assertTrue(hits.stream().anyMatch(name -> name.startsWith("ADVANCE_FEE") || name.startsWith("US_DOLLARS")), "body rules: " + hits);
    }
}

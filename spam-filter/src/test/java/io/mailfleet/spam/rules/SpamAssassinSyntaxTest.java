package io.mailfleet.spam.rules;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.message.MessageContentParser;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.verdict.ScanContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of SpamAssassin's rule language beyond plain header/body/uri rules, evaluated against real messages. */
class SpamAssassinSyntaxTest {

    private static final String MESSAGE = """
            From: "Bank Support" <support@bank.example>
            To: alice@mailfleet.example
            Cc: bob@mailfleet.example
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from your bank
            Message-ID: <12345$abcdef01$00000000@mx.example>
            Date: Sat, 28 Nov 2026 10:00:00 +2500
            X-MSMail-Priority: High
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <html><body><font color="#ffffff">hidden</font><p>V1AGRA now. Call: "quoted"</p>
            <a href="http://198.51.100.7/login">log in</a></body></html>
            """.replace("\n", "\r\n");

    @Test
    void metaRulesCombineOtherRulesAndHideTheirBuildingBlocks() {
        Map<String, Double> hits = hits("""
                header   __HAS_MSMAIL_PRI  exists:X-MSMail-Priority
                header   __HAS_MIMEOLE     exists:X-MimeOLE
                meta     MISSING_MIMEOLE   __HAS_MSMAIL_PRI && !__HAS_MIMEOLE
                score    MISSING_MIMEOLE   0.1 0.2 0.3 1.25
                body     __A               /V1AGRA/
                body     __B               /call:/i
                body     __C               /never there/
                meta     TWO_OF_THREE      (__A + __B + __C) >= 2
                meta     ALL_THREE         __A && __B && __C
                meta     META_OF_META      TWO_OF_THREE && !ALL_THREE && !__UNDEFINED
                header   DISABLED          exists:From
                score    DISABLED          0
                """);
        assertEquals(Map.of("MISSING_MIMEOLE", 1.25, "TWO_OF_THREE", 1.0, "META_OF_META", 1.0), hits,
                "the Bayes + network score set, no __ rules, a zero score disables");
    }

    @Test
    void headerSelectorsAndPseudoHeaders() {
        Map<String, Double> hits = hits("""
                header FROM_ADDR      From:addr =~ /^support\\@bank\\.example$/
                header FROM_NAME      From:name =~ /^Bank Support$/
                header SUBJ_DECODED   Subject =~ /Grüße/
                header SUBJ_RAW       Subject:raw =~ /=\\?UTF-8\\?Q\\?/
                header TOCC           ToCc =~ /alice.*\\n.*bob/s
                header MSGID_DOLLARS  MESSAGEID =~ /^<\\d+\\$[0-9a-f]{8}\\$/
                header ALL_FIELDS     ALL =~ /^X-MSMail-Priority: High$/m
                header ENV_FROM       EnvelopeFrom =~ /\\@sender\\.example/
                header TZ_ABSURD      Date =~ /[-+](?!(?:0\\d|1[0-4])(?:[03]0|[14]5))\\d{4}$/
                header UNSET_DEFAULT  X-Missing =~ /^$/
                header UNSET_GIVEN    X-Missing =~ /^none$/ [if-unset: none]
                header NOT_PRESENT    exists:X-Missing
                """);
        assertEquals(List.of("ALL_FIELDS", "ENV_FROM", "FROM_ADDR", "FROM_NAME", "MSGID_DOLLARS", "SUBJ_DECODED", "SUBJ_RAW",
                "TOCC", "TZ_ABSURD", "UNSET_DEFAULT", "UNSET_GIVEN"), hits.keySet().stream().sorted().toList());
    }

    @Test
    void bodyRawbodyFullAndPerlRegexDialect() {
        Map<String, Double> hits = hits("""
                body    BODY_SUBJECT   /^Grüße from your bank/
                body    BODY_NO_TAGS   /<font/
                rawbody RAW_TAGS       /<font color="\\#ffffff">/i
                full    FULL_HEADERS   /^X-MSMail-Priority/m
                body    OCTAL          /\\042quoted\\042/
                body    POSIX          /[[:upper:]]1[[:alpha:]]{4}/
                body    LITERAL_BRACKET /now[.[]/
                uri     URI_IP         m{^https?://\\d+\\.\\d+\\.\\d+\\.\\d+/}
                """);
        assertEquals(List.of("BODY_SUBJECT", "FULL_HEADERS", "LITERAL_BRACKET", "OCTAL", "POSIX", "RAW_TAGS", "URI_IP"),
                hits.keySet().stream().sorted().toList());
    }

    @Test
    void conditionsPluginsAndSkippedSettings() {
        RuleSet rules = new RuleFileParser().add("sa.cf", """
                if (version >= 3.004000)
                  body NEW_ENOUGH /V1AGRA/
                else
                  body TOO_OLD /V1AGRA/
                endif
                if (version >= 9.000000)
                  body FROM_THE_FUTURE /V1AGRA/
                endif
                ifplugin Mail::SpamAssassin::Plugin::DCC
                  body NEEDS_DCC /V1AGRA/
                endif
                if !plugin(Mail::SpamAssassin::Plugin::DCC)
                  body WITHOUT_DCC /V1AGRA/
                endif
                if can(Mail::SpamAssassin::Conf::feature_bug6558_free)
                  body FEATURE /V1AGRA/
                endif
                header  NEEDS_PERL  eval:check_for_forged_received_trail()
                body    PERL_ONLY   /foo\\Kbar/
                tflags  NEW_ENOUGH  nice
                lang de describe NEW_ENOUGH Übersetzung
                freemail_domains example.com
                header  BAD_HOURS   eval:check_for_shifted_date('soon', '12')
                header  BAD_REGEX   eval:check_freemail_from('([')
                """).build();
        assertEquals(List.of("NEW_ENOUGH", "WITHOUT_DCC", "FEATURE"), rules.rules().stream().map(Rule::name).toList());
        assertEquals(4, rules.skipped().size(), rules.skipped().toString());
        assertTrue(rules.skipped().stream().anyMatch(note -> note.startsWith("sa.cf:18: NEEDS_PERL")), rules.skipped().toString());
        assertTrue(rules.skipped().stream().anyMatch(note -> note.startsWith("sa.cf:19: PERL_ONLY")), rules.skipped().toString());
    }

    @Test
    void replaceTagsFillInRulesListedForIt() {
        Map<String, Double> hits = hits("""
                ifplugin Mail::SpamAssassin::Plugin::ReplaceTags
                  replace_start <
                  replace_end   >
                  replace_tag   V     (?:v|\\\\/)
                  replace_tag   I     (?:i|1|l)
                  replace_inter W1    [^a-z]?
                  body          FUZZY_VIAGRA /<V><inter W1><I><inter W1>AGRA/i
                  body          NOT_LISTED   /<V>1AGRA/i
                  replace_rules FUZZY_VIAGRA
                endif
                """);
        assertEquals(Map.of("FUZZY_VIAGRA", 1.0), hits);
    }

    @Test
    void theEvalTestsWeImplementBehaveAsSpamAssassins() {
        String shifted = """
                Received: from mx.example (mx.example [192.0.2.9]) by in.example; Sat, 28 Nov 2026 10:00:00 +0000
                From: Someone <someone123@freemail.example>
                Reply-To: other@elsewhere.example
                Date: Sat, 28 Nov 2026 18:30:00 +0000
                Message-ID: <0000aaaaaaaa$bbbbbbbb$cccccccc@pc>
                Subject: hi

                hi
                """.replace("\n", "\r\n");
        RuleSet rules = new RuleFileParser().add("eval.cf", """
                header DATE_IN_FUTURE_06_12   eval:check_for_shifted_date('6', '12')
                header DATE_IN_FUTURE_12_24   eval:check_for_shifted_date('12', '24')
                header MSGID_OUTLOOK_INVALID  eval:check_outlook_message_id()
                header FREEMAIL_FROM          eval:check_freemail_from()
                header FREEMAIL_FROM_DIGITS   eval:check_freemail_header('From', '\\d@')
                header FREEMAIL_REPLY_TO      eval:check_freemail_header('Reply-To')
                freemail_domains freemail.example *.webmail.example
                """).build();
        List<String> hits = RuleCheck.evaluate(rules, context(shifted), Duration.ofSeconds(1)).stream().map(Verdict.Symbol::name).sorted().toList();
        assertEquals(List.of("DATE_IN_FUTURE_06_12", "FREEMAIL_FROM", "FREEMAIL_FROM_DIGITS", "MSGID_OUTLOOK_INVALID"), hits);

        // an Outlook Express time token that matches the Date field (within SpamAssassin's fudge of about 30 hours) is genuine
        long token = (long) (Instant.parse("2026-11-28T10:30:00Z").getEpochSecond() * 0.0023283064365387 + 27111902.8329849);
        String genuine = shifted.replace("0000aaaaaaaa", String.format("0000%08x", token)).replace("freemail.example", "mail.webmail.example")
                .replace("18:30:00", "10:30:00");
        List<String> genuineHits = RuleCheck.evaluate(rules, context(genuine), Duration.ofSeconds(1)).stream().map(Verdict.Symbol::name).sorted().toList();
        assertEquals(List.of("FREEMAIL_FROM", "FREEMAIL_FROM_DIGITS"), genuineHits, "30 minutes is no shift; a wildcard freemail domain");
    }

    @Test
    @Timeout(30)
    void aBacktrackingRuleGivesUpInsteadOfHoldingTheThread() {
        RuleSet rules = new RuleFileParser().add("slow.cf", "body CATASTROPHIC /(x+x+)+y/\nheader SLOW_HEADER X-Long =~ /(x+x+)+y/\n"
                + "body QUICK /V1AGRA/\n").build();
        String body = "x".repeat(5000);
        long started = System.nanoTime();
        List<String> hits = RuleCheck.evaluate(rules, context("X-Long: " + body + "\r\n" + MESSAGE.replace("hidden", body)), Duration.ofMillis(50)).stream()
                .map(Verdict.Symbol::name).toList();
        assertEquals(List.of("QUICK"), hits);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "the match was cut off");
    }

    private static Map<String, Double> hits(String ruleFile) {
        RuleSet rules = new RuleFileParser().add("test.cf", ruleFile).build();
        return RuleCheck.evaluate(rules, context(MESSAGE), Duration.ofSeconds(1)).stream()
                .collect(Collectors.toMap(Verdict.Symbol::name, Verdict.Symbol::score));
    }

    static ScanContext context(String message) {
        byte[] content = message.getBytes(StandardCharsets.UTF_8);
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, "id", Instant.now(), "helo.example", "192.0.2.1", null, null,
                null, "x@sender.example", List.of(Recipient.local("alice@mailfleet.example", "t1", "a1")), content.length,
                Direction.INBOUND, Map.of());
        return new ScanContext(MailRecord.unscored(envelope, content), RawMessage.parse(content),
                new MessageContentParser(1 << 20, 10 << 20).parse(content),
                new AuthenticationResults("x@sender.example", "helo.example", null, List.of(), null, null));
    }
}

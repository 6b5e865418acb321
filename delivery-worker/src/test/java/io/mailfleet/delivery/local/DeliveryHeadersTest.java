package io.mailfleet.delivery.local;

import io.mailfleet.events.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryHeadersTest {

    private static String prefix(String deliveredTo, Verdict verdict) {
        return new String(DeliveryHeaders.prefix(deliveredTo, verdict), StandardCharsets.US_ASCII);
    }

    @Test
    void deliveredToAndTheVerdict() {
        String headers = prefix("alice@example.com", new Verdict(6.25, Verdict.Action.JUNK,
                List.of(new Verdict.Symbol("BAYES_99", 3.5, null), new Verdict.Symbol("DKIM_FAIL", 1, null))));
        assertEquals("""
                Delivered-To: alice@example.com\r
                X-Spam-Flag: YES\r
                X-Spam-Score: 6.3\r
                X-Spam-Status: Yes, score=6.3 action=junk tests=BAYES_99,DKIM_FAIL\r
                """, headers);
    }

    @Test
    void valuesFromOutsideCannotInjectHeaderLines() {
        String headers = prefix("a@example.com\r\nBcc: victim@example.org", new Verdict(0, Verdict.Action.DELIVER,
                List.of(new Verdict.Symbol("X\r\nX-Injected: yes", 0, null))));
        assertFalse(headers.contains("\r\nBcc:"), headers);
        assertFalse(headers.contains("\r\nX-Injected:"), headers);
        assertTrue(headers.lines().allMatch(line -> line.isEmpty() || line.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c == '\t')));
    }

    @Test
    void manySymbolsAreFoldedIntoShortLines() {
        List<Verdict.Symbol> symbols = IntStream.range(0, 40).mapToObj(i -> new Verdict.Symbol("RULE_NUMBER_" + i, 0.1, null)).toList();
        String headers = prefix("a@example.com", new Verdict(4, Verdict.Action.DELIVER, symbols));
        for (String line : headers.split("\r\n")) {
            assertTrue(line.length() <= 78, "line too long: " + line);
        }
        assertTrue(headers.contains("\r\n\tRULE_NUMBER_"), "continuation lines start with a tab");
        assertTrue(headers.contains("RULE_NUMBER_39"));
    }

    @Test
    void noVerdictNoSpamHeaders() {
        assertEquals("Delivered-To: bob@example.com\r\n", prefix("bob@example.com", null));
    }
}

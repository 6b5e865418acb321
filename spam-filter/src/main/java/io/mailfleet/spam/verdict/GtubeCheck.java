package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The Generic Test for Unsolicited Bulk Email: a message carrying this string is spam by definition, for testing filters. */
@ApplicationScoped
public class GtubeCheck implements ContentCheck {

    static final byte[] GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X".getBytes(StandardCharsets.US_ASCII);

    private final SymbolScores scores;

    public GtubeCheck(SymbolScores scores) {
        this.scores = scores;
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        return contains(context.mail().content(), context.message().bodyOffset(), GTUBE)
                ? List.of(scores.symbol("GTUBE", 1000.0, "GTUBE test string in the body"))
                : List.of();
    }

    private static boolean contains(byte[] haystack, int from, byte[] needle) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

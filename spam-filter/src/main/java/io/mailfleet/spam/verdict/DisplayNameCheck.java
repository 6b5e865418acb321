package io.mailfleet.spam.verdict;

import io.mailfleet.events.Recipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.dmarc.OrganizationalDomain;
import io.mailfleet.spam.message.FromDomain;
import io.mailfleet.spam.message.RawMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "From: support@yourcompany.example &lt;x@evil.example&gt;": a display name showing an address of another domain, worst of
 * all one of the recipient's own (hosted) domains, to look like internal mail.
 */
@ApplicationScoped
public class DisplayNameCheck implements ContentCheck {

    private static final Pattern ADDRESS_IN_NAME = Pattern.compile("[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,})");

    private final SymbolScores scores;

    public DisplayNameCheck(SymbolScores scores) {
        this.scores = scores;
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        List<RawMessage.HeaderField> from = context.message().fields("From");
        Optional<String> domain = FromDomain.of(context.message());
        if (from.size() != 1 || domain.isEmpty()) {
            return List.of();
        }
        String value = DecoderUtil.decodeEncodedWords(from.get(0).utf8Value(), DecodeMonitor.SILENT);
        int angle = value.lastIndexOf('<');
        if (angle <= 0) {
            return List.of();
        }
        Matcher shown = ADDRESS_IN_NAME.matcher(value.substring(0, angle));
        List<Verdict.Symbol> symbols = new ArrayList<>();
        while (shown.find()) {
            String shownDomain = shown.group(1).toLowerCase(Locale.ROOT);
            if (OrganizationalDomain.aligned(shownDomain, domain.get(), false)) {
                continue;
            }
            boolean hosted = context.mail().envelope().recipients().stream().filter(Recipient::isLocal)
                    .map(r -> r.address().substring(r.address().lastIndexOf('@') + 1))
                    .anyMatch(d -> OrganizationalDomain.aligned(d, shownDomain, false));
            symbols.add(hosted
                    ? scores.symbol("FORGED_DISPLAY_HOSTED", 4.0, shown.group() + " shown, sent from " + domain.get())
                    : scores.symbol("DISPLAY_NAME_ADDRESS_MISMATCH", 1.5, shown.group() + " shown, sent from " + domain.get()));
            break;
        }
        return symbols;
    }
}

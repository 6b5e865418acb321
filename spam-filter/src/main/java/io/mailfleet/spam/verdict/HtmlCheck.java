package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.dmarc.OrganizationalDomain;
import io.mailfleet.spam.message.MessageContent;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML without a plain-text part, and links whose visible text names another site than the one they lead to. */
@ApplicationScoped
public class HtmlCheck implements ContentCheck {

    private static final Pattern HOST_IN_TEXT = Pattern.compile("(?i)^(?:https?://)?((?:[a-z0-9-]+\\.)+[a-z]{2,})(?:[/:?#].*)?$");

    private final SymbolScores scores;

    public HtmlCheck(SymbolScores scores) {
        this.scores = scores;
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        List<Verdict.Symbol> symbols = new ArrayList<>();
        if (context.content().htmlOnly()) {
            symbols.add(scores.symbol("HTML_ONLY", 0.7, "no text/plain alternative"));
        }
        for (MessageContent.Link link : context.content().links()) {
            Optional<String> shown = hostInText(link.text());
            Optional<String> target = hostOf(link.href());
            if (shown.isPresent() && target.isPresent()
                    && !OrganizationalDomain.of(shown.get()).equals(OrganizationalDomain.of(target.get()))) {
                symbols.add(scores.symbol("LINK_TEXT_MISMATCH", 3.0, link.text() + " -> " + target.get()));
                break;
            }
        }
        return symbols;
    }

    static Optional<String> hostInText(String text) {
        Matcher m = HOST_IN_TEXT.matcher(text.strip());
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static Optional<String> hostOf(String href) {
        try {
            URI uri = URI.create(href.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}

package io.mailfleet.spam.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code freemail_domains} of the rule files: names, or patterns with {@code *} and {@code ?} (FreeMail plugin syntax). */
final class FreemailDomains {

    private final Set<String> domains = new HashSet<>();
    private final List<Pattern> patterns = new ArrayList<>();

    void add(String line) {
        for (String entry : line.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("*") || entry.contains("?")) {
                patterns.add(Pattern.compile(Pattern.quote(entry).replace("*", "\\E[^@]*\\Q").replace("?", "\\E[^@]\\Q")));
            } else {
                domains.add(entry);
            }
        }
    }

    boolean contains(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return domains.contains(domain) || patterns.stream().anyMatch(p -> p.matcher(domain).matches());
    }
}

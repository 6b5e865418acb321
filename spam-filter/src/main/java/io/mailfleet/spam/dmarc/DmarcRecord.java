package io.mailfleet.spam.dmarc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A DMARC policy record (RFC 7489 §6.3). */
public record DmarcRecord(Policy policy, Optional<Policy> subdomainPolicy, boolean strictDkim, boolean strictSpf, int percent,
                          List<String> aggregateReportUris, List<String> failureReportUris, String failureOptions) {

    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** §6.6.4: messages outside pct= get the next less strict policy. */
        Policy relaxed() {
            return this == REJECT ? QUARANTINE : NONE;
        }
    }

    static boolean isDmarcRecord(String text) {
        return text.matches("(?s)^v[ \t]*=[ \t]*DMARC1[ \t]*(;.*)?$");
    }

    /** @return empty when the record is unusable (it is then treated as absent, §6.6.3) */
    static Optional<DmarcRecord> parse(String text) {
        Map<String, String> tags = tags(text);
        Optional<Policy> policy = policy(tags.get("p"));
        List<String> rua = uris(tags.get("rua"));
        if (policy.isEmpty()) {
            // §6.6.3: no valid p= but a valid rua= means p=none; otherwise the record is ignored
            if (rua.isEmpty()) {
                return Optional.empty();
            }
            policy = Optional.of(Policy.NONE);
        }
        int percent = 100;
        if (tags.containsKey("pct")) {
            try {
                percent = Math.max(0, Math.min(100, Integer.parseInt(tags.get("pct"))));
            } catch (NumberFormatException e) {
                percent = 100;
            }
        }
        return Optional.of(new DmarcRecord(policy.get(), policy(tags.get("sp")), "s".equalsIgnoreCase(tags.get("adkim")),
                "s".equalsIgnoreCase(tags.get("aspf")), percent, rua, uris(tags.get("ruf")), tags.getOrDefault("fo", "0")));
    }

    /** The tag-value pairs, names lower-cased; the first of a repeated tag wins. */
    static Map<String, String> tags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : text.split(";")) {
            int equals = spec.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(spec.substring(0, equals).strip().toLowerCase(Locale.ROOT), spec.substring(equals + 1).strip());
            }
        }
        return tags;
    }

    private static Optional<Policy> policy(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(Policy.NONE);
            case "quarantine" -> Optional.of(Policy.QUARANTINE);
            case "reject" -> Optional.of(Policy.REJECT);
            default -> Optional.empty();
        };
    }

    private static List<String> uris(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(u -> u.regionMatches(true, 0, "mailto:", 0, 7)).toList();
    }
}

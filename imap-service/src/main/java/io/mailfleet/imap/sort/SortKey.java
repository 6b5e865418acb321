package io.mailfleet.imap.sort;

import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.search.SearchCandidate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;

/**
 * RFC 5256 3's sort criteria over the cached envelope and metadata: ARRIVAL (internal date), CC, FROM, TO (the
 * first address's mailbox part, case-insensitive), DATE (sent date, the internal date when it cannot be
 * parsed), SIZE, SUBJECT (base subject). Ties are broken by sequence number by the caller.
 */
public enum SortKey {
    ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO;

    public static SortKey of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("unknown sort criterion " + name);
        }
    }

    public Comparator<SearchCandidate> comparator() {
        return switch (this) {
            case ARRIVAL -> Comparator.comparing(c -> c.entry().internalDate().toInstant());
            case DATE -> Comparator.comparing(SortKey::sentDate);
            case SIZE -> Comparator.comparingLong(c -> c.entry().size());
            case SUBJECT -> Comparator.comparing(c -> BaseSubject.of(c.entry().envelope().getString("subject")));
            case CC -> Comparator.comparing(c -> firstMailbox(c, "cc"));
            case FROM -> Comparator.comparing(c -> firstMailbox(c, "from"));
            case TO -> Comparator.comparing(c -> firstMailbox(c, "to"));
        };
    }

    /** The Date: header in UTC; the internal date when it is missing or not RFC 5322 (RFC 5256 2.2). */
    public static Instant sentDate(SearchCandidate candidate) {
        String date = candidate.entry().envelope().getString("date");
        if (date != null) {
            String cleaned = date.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").trim();
            try {
                return ZonedDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException ignored) {
                // falls back to the internal date
            }
        }
        return candidate.entry().internalDate().toInstant();
    }

    private static String firstMailbox(SearchCandidate candidate, String field) {
        JsonArray addresses = candidate.entry().envelope().getJsonArray(field);
        if (addresses == null) {
            return "";
        }
        for (int i = 0; i < addresses.size(); i++) {
            JsonObject address = addresses.getJsonObject(i);
            if (address.getString("host") != null && address.getString("mailbox") != null) {
                return address.getString("mailbox").toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }
}

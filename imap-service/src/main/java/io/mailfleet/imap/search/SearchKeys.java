package io.mailfleet.imap.search;

import io.mailfleet.imap.fetch.BodySection;
import io.mailfleet.imap.fetch.DecodedText;
import io.mailfleet.imap.fetch.SectionExtractor;
import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.mailstore.SystemFlag;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The SEARCH criteria. String matches are case-insensitive substring matches after decoding RFC 2047 words. */
final class SearchKeys {

    private SearchKeys() {
    }

    static SearchKey all() {
        return candidate -> true;
    }

    static SearchKey and(List<SearchKey> keys) {
        return new SearchKey() {
            @Override
            public boolean matches(SearchCandidate candidate) {
                return keys.stream().allMatch(key -> key.matches(candidate));
            }

            @Override
            public boolean needsContent() {
                return keys.stream().anyMatch(SearchKey::needsContent);
            }
        };
    }

    static SearchKey or(SearchKey left, SearchKey right) {
        return new SearchKey() {
            @Override
            public boolean matches(SearchCandidate candidate) {
                return left.matches(candidate) || right.matches(candidate);
            }

            @Override
            public boolean needsContent() {
                return left.needsContent() || right.needsContent();
            }
        };
    }

    static SearchKey not(SearchKey key) {
        return new SearchKey() {
            @Override
            public boolean matches(SearchCandidate candidate) {
                return !key.matches(candidate);
            }

            @Override
            public boolean needsContent() {
                return key.needsContent();
            }
        };
    }

    static SearchKey flag(SystemFlag flag, boolean set) {
        return candidate -> candidate.entry().flags().has(flag) == set;
    }

    static SearchKey keyword(String keyword, boolean set) {
        return candidate -> candidate.entry().flags().keywords().stream().anyMatch(k -> k.equalsIgnoreCase(keyword)) == set;
    }

    static SearchKey recent(boolean set) {
        return candidate -> candidate.recent() == set;
    }

    static SearchKey sequence(SequenceSet set) {
        return candidate -> set.contains(candidate.msn(), candidate.exists());
    }

    static SearchKey uid(SequenceSet set) {
        return candidate -> set.contains(candidate.uid(), candidate.lastUid());
    }

    /** CONDSTORE's MODSEQ criterion (RFC 7162 3.1.5): modified at or after that modseq. */
    static SearchKey modseq(long modseq) {
        return candidate -> candidate.entry().modseq() >= modseq;
    }

    static SearchKey larger(long size) {
        return candidate -> candidate.entry().size() > size;
    }

    static SearchKey smaller(long size) {
        return candidate -> candidate.entry().size() < size;
    }

    /** BEFORE / ON / SINCE on the internal date, disregarding time and zone. */
    static SearchKey internalDate(Predicate<LocalDate> test) {
        return candidate -> test.test(candidate.entry().internalDate().toLocalDate());
    }

    /** SENTBEFORE / SENTON / SENTSINCE on the Date: header; messages without a parseable one never match. */
    static SearchKey sentDate(Predicate<LocalDate> test) {
        return candidate -> {
            LocalDate sent = parseDate(candidate.entry().envelope().getString("date"));
            return sent != null && test.test(sent);
        };
    }

    /** FROM / TO / CC / BCC from the cached envelope. */
    static SearchKey address(String field, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return candidate -> {
            JsonArray list = candidate.entry().envelope().getJsonArray(field);
            if (list == null) {
                return false;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonObject address = list.getJsonObject(i);
                String rendered = decode(address.getString("name", "")) + " <" + address.getString("mailbox", "") + "@"
                        + address.getString("host", "") + ">";
                if (rendered.toLowerCase(Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
            return false;
        };
    }

    static SearchKey subject(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return candidate -> {
            String subject = candidate.entry().envelope().getString("subject");
            return subject != null && decode(subject).toLowerCase(Locale.ROOT).contains(needle);
        };
    }

    /** HEADER name text: the field exists and (for non-empty text) its decoded value contains the text. */
    static SearchKey header(String name, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return new ContentKey(candidate -> {
            byte[] fields = SectionExtractor.extract(candidate.content(),
                    new BodySection(List.of(), "HEADER.FIELDS", List.of(name), true, -1, -1));
            String value = new String(fields, StandardCharsets.UTF_8).trim();
            if (value.isEmpty()) {
                return false;
            }
            return needle.isEmpty() || decode(value.substring(value.indexOf(':') + 1)).toLowerCase(Locale.ROOT).contains(needle);
        });
    }

    /**
     * BODY text (body only) and TEXT text (header and body): a case-insensitive substring of the text a reader
     * sees ({@link DecodedText}: text parts with transfer encoding and charset undone; header fields with
     * encoded words decoded), as IMAP requires; the mailstore's tsvector is not used to narrow (docs/imap-service.md).
     */
    static SearchKey text(String text, boolean includeHeader) {
        String needle = text.toLowerCase(Locale.ROOT);
        return new ContentKey(candidate -> {
            if (DecodedText.body(candidate.content()).toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
            if (!includeHeader) {
                return false;
            }
            byte[] header = SectionExtractor.extract(candidate.content(), new BodySection(List.of(), "HEADER", List.of(), true, -1, -1));
            return decode(new String(header, StandardCharsets.UTF_8)).toLowerCase(Locale.ROOT).contains(needle);
        });
    }

    private record ContentKey(Predicate<SearchCandidate> test) implements SearchKey {
        @Override
        public boolean matches(SearchCandidate candidate) {
            return candidate.content() != null && test.test(candidate);
        }

        @Override
        public boolean needsContent() {
            return true;
        }
    }

    private static String decode(String value) {
        return value == null ? "" : DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
    }

    static LocalDate parseDate(String header) {
        if (header == null) {
            return null;
        }
        String cleaned = header.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").trim();
        try {
            return ZonedDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

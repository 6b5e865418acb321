package io.mailfleet.spam.rules;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as mail software writes them in Date: and Received: fields, read leniently as SpamAssassin's parse_rfc822_date
 * does (day-of-week optional, two-digit years, seconds optional, numeric or named zone, no zone = UTC).
 */
final class Rfc822Dates {

    private static final Pattern DATE = Pattern.compile(
            "(\\d{1,2})\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
                    + "(?:\\s*([+-]\\d{4}|[a-z]{1,5}))?", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0),
            Map.entry("Z", 0), Map.entry("EST", -500), Map.entry("EDT", -400), Map.entry("CST", -600), Map.entry("CDT", -500),
            Map.entry("MST", -700), Map.entry("MDT", -600), Map.entry("PST", -800), Map.entry("PDT", -700), Map.entry("BST", 100),
            Map.entry("CET", 100), Map.entry("CEST", 200), Map.entry("MET", 100), Map.entry("MEST", 200), Map.entry("JST", 900));
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private Rfc822Dates() {
    }

    /** Seconds since the epoch of the first date in the text, if there is one that makes sense. */
    static OptionalLong epochSeconds(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            int year = Integer.parseInt(m.group(3));
            if (year < 100) {
                year += year < 50 ? 2000 : 1900;
            }
            int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) / 3 + 1;
            LocalDateTime local = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return OptionalLong.of(local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds(m.group(7)));
        } catch (RuntimeException impossible) {
            return OptionalLong.empty();
        }
    }

    private static long offsetSeconds(String zone) {
        if (zone == null) {
            return 0;
        }
        int hhmm = zone.charAt(0) == '+' || zone.charAt(0) == '-' ? Integer.parseInt(zone) : ZONES.getOrDefault(zone.toUpperCase(Locale.ROOT), 0);
        return (hhmm / 100) * 3600L + (hhmm % 100) * 60L;
    }
}

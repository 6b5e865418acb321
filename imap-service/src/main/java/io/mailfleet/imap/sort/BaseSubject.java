package io.mailfleet.imap.sort;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import java.util.Locale;

/**
 * RFC 5256 2.1's base subject: what SORT SUBJECT compares and THREAD groups by. The subject is decoded
 * (encoded words to Unicode), whitespace runs become one space, then reply/forward decorations are
 * peeled off until none is left: trailing {@code (fwd)}, leading {@code Re:}, {@code Fw:}, {@code Fwd:}
 * (with optional {@code [blob]}s), leading {@code [blob]}s that do not make up the whole subject, and the
 * {@code [fwd: …]} wrapper. Compared case-insensitively, so the result is lower case.
 */
public final class BaseSubject {

    private BaseSubject() {
    }

    public static String of(String rawSubject) {
        if (rawSubject == null) {
            return "";
        }
        String subject = DecoderUtil.decodeEncodedWords(rawSubject, DecodeMonitor.SILENT)
                .replaceAll("[\\t\\r\\n ]+", " ").trim().toLowerCase(Locale.ROOT);
        while (true) {
            String before = subject;
            // step 2: trailing "(fwd)" and whitespace
            while (subject.endsWith("(fwd)")) {
                subject = subject.substring(0, subject.length() - 5).trim();
            }
            // steps 3-5: leading "re:"/"fw:"/"fwd:" with blobs, and leading blobs
            boolean changed = true;
            while (changed) {
                changed = false;
                String stripped = stripLeader(subject);
                if (!stripped.equals(subject)) {
                    subject = stripped;
                    changed = true;
                }
                String unblobbed = stripBlob(subject);
                if (!unblobbed.equals(subject) && !unblobbed.isEmpty()) {
                    subject = unblobbed;
                    changed = true;
                }
            }
            // step 6: "[fwd:" subject "]"
            if (subject.startsWith("[fwd:") && subject.endsWith("]")) {
                subject = subject.substring(5, subject.length() - 1).trim();
            }
            if (subject.equals(before)) {
                return subject;
            }
        }
    }

    /** {@code subj-refwd}: ("re" / "fw" / "fwd") *WSP *subj-blob ":" and what follows, trimmed; unchanged if none. */
    private static String stripLeader(String subject) {
        int i;
        if (subject.startsWith("re")) {
            i = 2;
        } else if (subject.startsWith("fwd")) {
            i = 3;
        } else if (subject.startsWith("fw")) {
            i = 2;
        } else {
            return subject;
        }
        i = skipSpaces(subject, i);
        while (i < subject.length() && subject.charAt(i) == '[') {
            int close = blobEnd(subject, i);
            if (close < 0) {
                return subject;
            }
            i = skipSpaces(subject, close + 1);
        }
        if (i < subject.length() && subject.charAt(i) == ':') {
            return subject.substring(i + 1).trim();
        }
        return subject;
    }

    /** A leading {@code [blob]} and the spaces after it removed; unchanged if none. */
    private static String stripBlob(String subject) {
        if (!subject.startsWith("[")) {
            return subject;
        }
        int close = blobEnd(subject, 0);
        return close < 0 ? subject : subject.substring(close + 1).trim();
    }

    /** The index of the ']' closing the blob opened at {@code open}; -1 when a '[' comes first or none closes it. */
    private static int blobEnd(String subject, int open) {
        for (int i = open + 1; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c == ']') {
                return i;
            }
            if (c == '[') {
                return -1;
            }
        }
        return -1;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}

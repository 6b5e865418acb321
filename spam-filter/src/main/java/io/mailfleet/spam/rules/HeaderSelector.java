package io.mailfleet.spam.rules;

import java.util.Locale;

/**
 * Which header text a header rule reads, in SpamAssassin's terms: a field by name, or a pseudo-header ({@code ALL}: the
 * whole header section, {@code ToCc}, {@code MESSAGEID}: every message-id field, {@code EnvelopeFrom}: the envelope
 * sender); {@code :addr} / {@code :name} narrow a field to its address or display name, {@code :raw} skips RFC 2047
 * decoding. {@code ifUnset} is the value a missing field is matched as ({@code [if-unset: ...]}; empty by default).
 */
public record HeaderSelector(String field, Part part, boolean raw, String ifUnset) {

    public enum Part { WHOLE, ADDRESS, NAME }

    static HeaderSelector parse(String spec, String ifUnset) {
        String[] pieces = spec.split(":");
        Part part = Part.WHOLE;
        boolean raw = false;
        for (int i = 1; i < pieces.length; i++) {
            switch (pieces[i].toLowerCase(Locale.ROOT)) {
                case "addr" -> part = Part.ADDRESS;
                case "name" -> part = Part.NAME;
                case "raw" -> raw = true;
                default -> throw new IllegalArgumentException("unknown header modifier :" + pieces[i]);
            }
        }
        return new HeaderSelector(pieces[0], part, raw, ifUnset);
    }
}

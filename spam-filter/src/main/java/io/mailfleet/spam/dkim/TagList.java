package io.mailfleet.spam.dkim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** RFC 6376 §3.2 tag=value lists, used by DKIM-Signature fields and key records. */
final class TagList {

    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Map<String, String> tags;

    private TagList(Map<String, String> tags) {
        this.tags = tags;
    }

    /** @throws DkimException (permerror) on a malformed list or a repeated tag */
    static TagList parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            if (spec.isBlank()) {
                if (i == specs.length - 1) {
                    break;
                }
                throw DkimException.permanent("empty tag in tag list");
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw DkimException.permanent("tag without '=': " + spec.strip());
            }
            String name = spec.substring(0, equals).strip();
            if (!TAG_NAME.matcher(name).matches()) {
                throw DkimException.permanent("invalid tag name '" + name + "'");
            }
            if (tags.put(name, spec.substring(equals + 1).strip()) != null) {
                throw DkimException.permanent("duplicate tag " + name);
            }
        }
        return new TagList(tags);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    String require(String name) {
        String value = tags.get(name);
        if (value == null) {
            throw DkimException.permanent("missing required tag " + name + "=");
        }
        return value;
    }

    /** A base64 value: folding whitespace inside it is not part of the data (§3.5, b= and bh=). */
    static byte[] base64(String value, String tag) {
        try {
            return java.util.Base64.getDecoder().decode(value.replaceAll("[ \t\r\n]", ""));
        } catch (IllegalArgumentException e) {
            throw DkimException.permanent("invalid base64 in " + tag + "=");
        }
    }
}

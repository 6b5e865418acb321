package io.mailfleet.spam.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A parsed RFC 7208 §7.1 macro-string ({@code domain-spec} or {@code explain-string}). Parsing checks the syntax once. */
final class MacroString {

    private static final String LETTERS = "slodipvh";
    private static final String EXPLANATION_LETTERS = "crt";
    private static final String DELIMITERS = ".-+,/_=";
    private static final Pattern TOPLABEL =
            Pattern.compile("(?i)(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])");

    sealed interface Part permits Literal, Macro {
    }

    record Literal(String text) implements Part {
    }

    /** {@code %{letter digits r delimiters}}; {@code escape} when the letter was upper case (§7.3: URL-escaped). */
    record Macro(char letter, boolean escape, int rightParts, boolean reverse, String delimiters) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private MacroString(String source, List<Part> parts) {
        this.source = source;
        this.parts = Collections.unmodifiableList(parts);
    }

    List<Part> parts() {
        return parts;
    }

    boolean uses(char letter) {
        return parts.stream().anyMatch(p -> p instanceof Macro m && m.letter() == letter);
    }

    @Override
    public String toString() {
        return source;
    }

    /** A domain-spec: a macro-string that ends in a macro or in a top label (§4.6.1, §7.1). */
    static MacroString domainSpec(String text) {
        if (text.isEmpty()) {
            throw SpfException.permanent("empty domain-spec");
        }
        MacroString spec = parse(text, false);
        Part last = spec.parts.get(spec.parts.size() - 1);
        if (last instanceof Literal literal) {
            String tail = literal.text().endsWith(".") ? literal.text().substring(0, literal.text().length() - 1) : literal.text();
            boolean endsInMacroDot = tail.isEmpty() && spec.parts.size() > 1;
            int dot = tail.lastIndexOf('.');
            if (!endsInMacroDot && (dot < 0 || !TOPLABEL.matcher(tail.substring(dot + 1)).matches())) {
                throw SpfException.permanent("domain-spec '" + text + "' does not end in a valid top label");
            }
        }
        return spec;
    }

    /** An explain-string: macro-strings and spaces, where c, r and t are allowed too (§6.2). */
    static MacroString explanation(String text) {
        return parse(text, true);
    }

    /** Any other modifier value: syntax checked, value ignored. */
    static MacroString modifierValue(String text) {
        return parse(text, false);
    }

    private static MacroString parse(String text, boolean explanation) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                boolean visible = c >= 0x21 && c <= 0x7e;
                if (!visible && !(explanation && c == ' ')) {
                    throw SpfException.permanent("character 0x" + Integer.toHexString(c) + " not allowed in '" + text + "'");
                }
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw SpfException.permanent("dangling % in '" + text + "'");
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> {
                    literal.append('%');
                    i += 2;
                }
                case '_' -> {
                    literal.append(' ');
                    i += 2;
                }
                case '-' -> {
                    literal.append("%20");
                    i += 2;
                }
                case '{' -> {
                    int end = text.indexOf('}', i);
                    if (end < 0) {
                        throw SpfException.permanent("unclosed macro in '" + text + "'");
                    }
                    if (!literal.isEmpty()) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(macro(text.substring(i + 2, end), explanation, text));
                    i = end + 1;
                }
                default -> throw SpfException.permanent("invalid macro escape %" + next + " in '" + text + "'");
            }
        }
        if (!literal.isEmpty() || parts.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new MacroString(text, parts);
    }

    private static Macro macro(String body, boolean explanation, String text) {
        if (body.isEmpty()) {
            throw SpfException.permanent("empty macro in '" + text + "'");
        }
        char raw = body.charAt(0);
        char letter = Character.toLowerCase(raw);
        if (LETTERS.indexOf(letter) < 0 && !(explanation && EXPLANATION_LETTERS.indexOf(letter) >= 0)) {
            throw SpfException.permanent("macro letter '" + raw + "' not allowed in '" + text + "'");
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int rightParts = 0;
        if (i > digitsStart) {
            String digits = body.substring(digitsStart, i);
            rightParts = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            if (rightParts == 0) {
                throw SpfException.permanent("macro transformer 0 in '" + text + "'");
            }
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw SpfException.permanent("invalid macro delimiter '" + d + "' in '" + text + "'");
            }
        }
        return new Macro(letter, Character.isUpperCase(raw), rightParts, reverse, delimiters.isEmpty() ? "." : delimiters);
    }

    /** Expands with the values of one evaluation; {@code values} answers each macro letter. */
    String expand(java.util.function.Function<Character, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Macro macro) {
                out.append(transform(macro, values.apply(macro.letter())));
            }
        }
        return out.toString();
    }

    private static String transform(Macro macro, String value) {
        List<String> labels = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (macro.delimiters().indexOf(c) >= 0) {
                labels.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        labels.add(current.toString());
        if (macro.reverse()) {
            Collections.reverse(labels);
        }
        if (macro.rightParts() > 0 && macro.rightParts() < labels.size()) {
            labels = labels.subList(labels.size() - macro.rightParts(), labels.size());
        }
        String joined = String.join(".", labels);
        return macro.escape() ? urlEscape(joined) : joined;
    }

    /** §7.3: upper-case macro letters escape everything outside RFC 3986 "unreserved". */
    private static String urlEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}

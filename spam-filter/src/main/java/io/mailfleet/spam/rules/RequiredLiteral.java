package io.mailfleet.spam.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A string every match of a pattern must contain, found in the pattern's source, so that a body rule whose literal is not
 * in the text is known not to hit without running the regular expression (SpamAssassin pre-filters its body rules the
 * same way). Conservative: only runs of plain characters outside groups and classes, at the pattern's top level, count;
 * a pattern with top-level alternatives needs one from each ({@link #anyOf}). Anything unclear yields nothing, and the
 * rule simply always runs.
 */
final class RequiredLiteral {

    /** Literals one of which every match contains; lower case when the pattern ignores case. */
    record AnyOf(List<String> literals, boolean ignoreCase) {

        /** False only when the text certainly cannot match: it contains none of the literals. */
        boolean mayMatch(String text, Supplier<String> lowerCase) {
            String haystack = ignoreCase ? lowerCase.get() : text;
            for (String literal : literals) {
                if (haystack.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final int MIN_LENGTH = 3;
    /** Flags switched on or off inside the pattern ({@code a(?i)b}) change what a literal means after them. */
    private static final Pattern INLINE_FLAGS = Pattern.compile("\\(\\?[a-zA-Z]*-?[a-zA-Z]*\\)");

    private RequiredLiteral() {
    }

    /** The literals one of which every match contains, or empty when the pattern gives none that is safe to rely on. */
    static Optional<AnyOf> anyOf(Pattern pattern) {
        if ((pattern.flags() & Pattern.COMMENTS) != 0) {
            return Optional.empty();
        }
        boolean ignoreCase = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
        String source = pattern.pattern();
        if (source.startsWith("(?i)")) {
            ignoreCase = true;
            source = source.substring(4);
        }
        if (INLINE_FLAGS.matcher(source).find() || source.contains("\\Q")) {
            return Optional.empty();
        }
        List<String> alternatives = topLevelAlternatives(source);
        if (alternatives == null) {
            return Optional.empty();
        }
        List<String> literals = new ArrayList<>();
        for (String alternative : alternatives) {
            String literal = longestRun(alternative);
            if (literal == null || literal.length() < MIN_LENGTH) {
                return Optional.empty();
            }
            literals.add(ignoreCase ? literal.toLowerCase(Locale.ROOT) : literal);
        }
        return Optional.of(new AnyOf(List.copyOf(literals), ignoreCase));
    }

    /** The source split at top-level {@code |}, or null when the source has a construct this reader does not follow. */
    private static List<String> topLevelAlternatives(String source) {
        List<String> alternatives = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < source.length() && source.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alternatives.add(source.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || inClass) {
            return null;
        }
        alternatives.add(source.substring(start));
        return alternatives;
    }

    /**
     * The longest run of characters that every match of this top-level sequence contains in this order: plain characters
     * and escaped punctuation, not inside a group or class, each not made optional by the quantifier after it.
     */
    private static String longestRun(String sequence) {
        String best = null;
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < sequence.length()) {
            char c = sequence.charAt(i);
            String literal = null;
            int next = i + 1;
            if (c == '\\' && i + 1 < sequence.length()) {
                char escaped = sequence.charAt(i + 1);
                next = escapeEnd(sequence, i);
                if (next < 0) {
                    return null;
                }
                if (!Character.isLetterOrDigit(escaped)) {
                    literal = String.valueOf(escaped);
                }
            } else if (c == '(' || c == '[') {
                next = skipGroupOrClass(sequence, i);
                if (next < 0) {
                    return null;
                }
            } else if (Character.isLetterOrDigit(c) || c == ' ' || "!\"#%&',-/:;<=>@_`~".indexOf(c) >= 0) {
                literal = String.valueOf(c);
            }
            // the quantifier after the atom decides whether it is certainly there
            char quantifier = next < sequence.length() ? sequence.charAt(next) : 0;
            boolean optional = quantifier == '?' || quantifier == '*' || quantifier == '{' && optionalBraces(sequence, next);
            boolean repeated = quantifier == '+' || quantifier == '{' && !optionalBraces(sequence, next);
            if (literal != null && !optional) {
                run.append(literal);
            }
            if (literal == null || optional || repeated) {
                best = longer(best, run);
                run.setLength(0);
            }
            i = afterQuantifier(sequence, next);
        }
        return longer(best, run);
    }

    /** The index after the escape at {@code backslash}: {@code \\p{…}}, {@code \\x{…}}, {@code \\xhh}, {@code \\0ooo}, {@code \\cX}, {@code \\k<…>}. */
    private static int escapeEnd(String sequence, int backslash) {
        char escaped = sequence.charAt(backslash + 1);
        int after = backslash + 2;
        char following = after < sequence.length() ? sequence.charAt(after) : 0;
        if ("pPxN".indexOf(escaped) >= 0 && following == '{') {
            int close = sequence.indexOf('}', after);
            return close < 0 ? -1 : close + 1;
        }
        if (escaped == 'k' && following == '<') {
            int close = sequence.indexOf('>', after);
            return close < 0 ? -1 : close + 1;
        }
        if ("pP".indexOf(escaped) >= 0) {
            return after + 1; // \pL: one-letter class name
        }
        if (escaped == 'x') {
            return Math.min(after + 2, sequence.length());
        }
        if (escaped == 'c') {
            return Math.min(after + 1, sequence.length());
        }
        if (escaped == '0') {
            int end = after;
            while (end < sequence.length() && end < after + 3 && sequence.charAt(end) >= '0' && sequence.charAt(end) <= '7') {
                end++;
            }
            return end;
        }
        return after;
    }

    /** Past the quantifier at {@code at} ({@code ?}, {@code *}, {@code +}, {@code {n,m}}, with a lazy or possessive mark), if any. */
    private static int afterQuantifier(String sequence, int at) {
        if (at >= sequence.length()) {
            return at;
        }
        char c = sequence.charAt(at);
        int end;
        if (c == '?' || c == '*' || c == '+') {
            end = at + 1;
        } else if (c == '{' && sequence.indexOf('}', at) > 0) {
            end = sequence.indexOf('}', at) + 1;
        } else {
            return at;
        }
        return end < sequence.length() && (sequence.charAt(end) == '?' || sequence.charAt(end) == '+') ? end + 1 : end;
    }

    private static String longer(String best, StringBuilder run) {
        return best == null || run.length() > best.length() ? run.toString() : best;
    }

    /** {@code {0,…}} or {@code {,…}} (optional); also treated so when the braces do not parse, to stay on the safe side. */
    private static boolean optionalBraces(String sequence, int open) {
        int close = sequence.indexOf('}', open);
        if (close < 0) {
            return true;
        }
        String inside = sequence.substring(open + 1, close);
        return !inside.matches("[1-9][0-9]*(,[0-9]*)?");
    }

    /** The index after the group or class starting at {@code open}, or -1 when it does not close. */
    private static int skipGroupOrClass(String sequence, int open) {
        boolean inClass = sequence.charAt(open) == '[';
        int depth = inClass ? 0 : 1;
        int i = open + 1;
        if (inClass && i < sequence.length() && sequence.charAt(i) == '^') {
            i++;
        }
        if (inClass && i < sequence.length() && sequence.charAt(i) == ']') {
            i++;
        }
        for (; i < sequence.length(); i++) {
            char c = sequence.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                if (c == ']') {
                    return i + 1;
                }
            } else if (c == '[') {
                int end = skipGroupOrClass(sequence, i);
                if (end < 0) {
                    return -1;
                }
                i = end - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }
}

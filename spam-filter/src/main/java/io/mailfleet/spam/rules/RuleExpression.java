package io.mailfleet.spam.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The little expression language of SpamAssassin rule files: {@code meta} rules ({@code (__A || __B) && !C},
 * {@code (A + B + C) > 1}) and {@code if} conditions ({@code (version >= 3.004000)}, {@code can(feature)},
 * {@code !plugin(Name)}). Identifiers are looked up when the expression is evaluated; a true value is 1, false 0.
 */
public final class RuleExpression {

    /** An identifier's value, or a function call's ({@code can(x)} arrives as {@code "can(x)"}). */
    public interface Node {
        double value(ToDoubleFunction<String> variables);
    }

    private static final List<Set<String>> PRECEDENCE = List.of(
            Set.of("||"), Set.of("&&"), Set.of("==", "!=", "<", "<=", ">", ">="), Set.of("+", "-"), Set.of("*", "/"));

    private final List<String> tokens;
    private int position;

    private RuleExpression(List<String> tokens) {
        this.tokens = tokens;
    }

    /** @throws IllegalArgumentException when the text is not an expression */
    public static Node parse(String text) {
        RuleExpression parser = new RuleExpression(tokenize(text));
        Node node = parser.binary(0);
        if (parser.position != parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return node;
    }

    private Node binary(int level) {
        if (level == PRECEDENCE.size()) {
            return unary();
        }
        Node left = binary(level + 1);
        while (position < tokens.size() && PRECEDENCE.get(level).contains(tokens.get(position))) {
            String operator = tokens.get(position++);
            Node l = left;
            Node r = binary(level + 1);
            left = switch (operator) {
                case "||" -> v -> truth(l.value(v) != 0 || r.value(v) != 0);
                case "&&" -> v -> truth(l.value(v) != 0 && r.value(v) != 0);
                case "==" -> v -> truth(l.value(v) == r.value(v));
                case "!=" -> v -> truth(l.value(v) != r.value(v));
                case "<" -> v -> truth(l.value(v) < r.value(v));
                case "<=" -> v -> truth(l.value(v) <= r.value(v));
                case ">" -> v -> truth(l.value(v) > r.value(v));
                case ">=" -> v -> truth(l.value(v) >= r.value(v));
                case "+" -> v -> l.value(v) + r.value(v);
                case "-" -> v -> l.value(v) - r.value(v);
                case "*" -> v -> l.value(v) * r.value(v);
                default -> v -> r.value(v) == 0 ? 0 : l.value(v) / r.value(v);
            };
        }
        return left;
    }

    private Node unary() {
        String token = next();
        if (token.equals("!")) {
            Node operand = unary();
            return v -> truth(operand.value(v) == 0);
        }
        if (token.equals("-")) {
            Node operand = unary();
            return v -> -operand.value(v);
        }
        if (token.equals("(")) {
            Node inner = binary(0);
            if (!next().equals(")")) {
                throw new IllegalArgumentException("missing ')'");
            }
            return inner;
        }
        if (Character.isDigit(token.charAt(0))) {
            double number = Double.parseDouble(token);
            return v -> number;
        }
        if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
            return v -> v.applyAsDouble(token);
        }
        throw new IllegalArgumentException("unexpected '" + token + "'");
    }

    private String next() {
        if (position >= tokens.size()) {
            throw new IllegalArgumentException("expression ends too early");
        }
        return tokens.get(position++);
    }

    private static double truth(boolean value) {
        return value ? 1 : 0;
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '(' && start < i) {
                    // can(Mail::SpamAssassin::Conf::feature_x): the whole call is one identifier
                    int close = text.indexOf(')', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("missing ')'");
                    }
                    i = close + 1;
                }
                tokens.add(text.substring(start, i));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else if (i + 1 < text.length() && Set.of("||", "&&", "==", "!=", "<=", ">=").contains(text.substring(i, i + 2))) {
                tokens.add(text.substring(i, i + 2));
                i += 2;
            } else if ("!()<>+-*/".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "'");
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty expression");
        }
        return tokens;
    }
}

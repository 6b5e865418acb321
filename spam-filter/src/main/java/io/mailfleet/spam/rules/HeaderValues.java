package io.mailfleet.spam.rules;

import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.verdict.ScanContext;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The text a header rule matches, as SpamAssassin builds it; empty when the message has no such field. */
final class HeaderValues {

    private static final List<String> MESSAGE_IDS = List.of("Message-ID", "Resent-Message-ID", "X-Message-ID");
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>\\s]*@[^<>\\s]*)>");
    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");

    private HeaderValues() {
    }

    static Optional<String> of(HeaderSelector selector, ScanContext context) {
        boolean raw = selector.raw();
        List<RawMessage.HeaderField> fields = switch (selector.field()) {
            case "ALL" -> context.message().fields();
            case "ToCc" -> concat(context.message().fields("To"), context.message().fields("Cc"));
            case "MESSAGEID" -> MESSAGE_IDS.stream().flatMap(name -> context.message().fields(name).stream()).toList();
            case "EnvelopeFrom" -> List.of();
            default -> context.message().fields(selector.field());
        };
        if (selector.field().equals("EnvelopeFrom")) {
            String sender = context.mail().envelope().mailFrom();
            if (!sender.isEmpty()) {
                return Optional.of(sender);
            }
            fields = context.message().fields("Return-Path");
        }
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        if (selector.field().equals("ALL")) {
            return Optional.of(fields.stream().map(f -> f.name() + ": " + value(f, raw)).collect(Collectors.joining("\n", "", "\n")));
        }
        return Optional.of(fields.stream().map(f -> narrowed(value(f, raw), selector.part())).collect(Collectors.joining("\n")));
    }

    private static List<RawMessage.HeaderField> concat(List<RawMessage.HeaderField> a, List<RawMessage.HeaderField> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String value(RawMessage.HeaderField field, boolean raw) {
        return raw ? field.value() : DecoderUtil.decodeEncodedWords(field.utf8Value(), DecodeMonitor.SILENT);
    }

    /** {@code :addr}: the first address; {@code :name}: the display name (or the comment of {@code addr (Name)}). */
    private static String narrowed(String value, HeaderSelector.Part part) {
        if (part == HeaderSelector.Part.ADDRESS) {
            Matcher angle = ANGLE_ADDRESS.matcher(value);
            if (angle.find()) {
                return angle.group(1);
            }
            Matcher bare = BARE_ADDRESS.matcher(value);
            return bare.find() ? bare.group() : value.strip();
        }
        if (part == HeaderSelector.Part.NAME) {
            int angle = value.indexOf('<');
            if (angle >= 0) {
                return unquoted(value.substring(0, angle));
            }
            int open = value.indexOf('(');
            int close = value.lastIndexOf(')');
            return open >= 0 && close > open ? value.substring(open + 1, close).strip() : "";
        }
        return value;
    }

    private static String unquoted(String name) {
        String trimmed = name.strip();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}

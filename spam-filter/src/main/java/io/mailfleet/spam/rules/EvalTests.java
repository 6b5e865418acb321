package io.mailfleet.spam.rules;

import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.verdict.ScanContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The few {@code eval:} tests of SpamAssassin's Perl plugins we implement, as SpamAssassin 4.0.1 does: the date checks and
 * the Outlook Message-ID check of HeaderEval, and the sender checks of FreeMail (with the {@code freemail_domains} the rule
 * files list). Any other eval is unknown, and its rule is skipped.
 */
final class EvalTests {

    private static final Pattern CALL = Pattern.compile("eval:(\\w+)\\((.*)\\)\\s*");
    private static final Pattern ARGUMENT = Pattern.compile("'([^']*)'|\"([^\"]*)\"|([^,\\s]+)");
    private static final Pattern RECEIVED_DATE = Pattern.compile("(\\s.?\\d+ \\S\\S\\S \\d+ \\d+:\\d+:\\d+ \\S+)");
    private static final Pattern OUTLOOK_MESSAGE_ID = Pattern.compile("^<[0-9a-f]{4}([0-9a-f]{8})\\$[0-9a-f]{8}\\$[0-9a-f]{8}@");
    private static final Pattern LOCAL_RELAY = Pattern.compile("\\bfrom (?:localhost\\s|(?:\\S+ ){1,2}\\S*\\b127\\.0\\.0\\.1\\b)|qmail \\d+ invoked by uid \\d+");
    private static final Pattern FETCHMAIL = Pattern.compile("\\bby localhost with \\w+ \\(fetchmail-[\\d.]+");

    private EvalTests() {
    }

    /** The test for {@code eval:name(args)}, or empty when we do not implement it or its arguments do not make sense. */
    static Optional<Predicate<ScanContext>> of(String eval, FreemailDomains freemail) {
        Matcher call = CALL.matcher(eval);
        if (!call.matches()) {
            return Optional.empty();
        }
        try {
            return test(call.group(1), arguments(call.group(2)), freemail);
        } catch (IllegalArgumentException badArgument) {
            // a malformed regular expression or hour count: like SpamAssassin, the rule does not run
            return Optional.empty();
        }
    }

    private static Optional<Predicate<ScanContext>> test(String function, List<String> args, FreemailDomains freemail) {
        return switch (function) {
            case "check_for_shifted_date" -> args.size() == 2 ? Optional.of(shiftedDate(args.get(0), args.get(1))) : Optional.empty();
            case "check_outlook_message_id" -> Optional.of(EvalTests::outlookMessageIdInvalid);
            case "check_freemail_from" -> Optional.of(freemailFrom(freemail, args.isEmpty() ? null : Pattern.compile(args.get(0))));
            case "check_freemail_header" -> args.isEmpty() ? Optional.empty()
                    : Optional.of(freemailHeader(freemail, args.get(0), args.size() > 1 ? Pattern.compile(args.get(1)) : null));
            default -> Optional.empty();
        };
    }

    private static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        Matcher argument = ARGUMENT.matcher(text);
        while (argument.find()) {
            args.add(argument.group(1) != null ? argument.group(1) : argument.group(2) != null ? argument.group(2) : argument.group(3));
        }
        return args;
    }

    /** HeaderEval's check_for_shifted_date: the Date field is min..max hours (or 'undef') after the Received times. */
    private static Predicate<ScanContext> shiftedDate(String min, String max) {
        double from = min.equals("undef") ? Double.NEGATIVE_INFINITY : 3600 * Double.parseDouble(min);
        double to = max.equals("undef") ? Double.POSITIVE_INFINITY : 3600 * Double.parseDouble(max);
        return context -> {
            long diff = dateDiffSeconds(context.message());
            return diff >= from && diff < to;
        };
    }

    /** Date minus the Received time closest to it (local and fetchmail hops left out), 0 when either is missing. */
    private static long dateDiffSeconds(RawMessage message) {
        OptionalLong date = firstDate(message, "Resent-Date").isPresent() ? firstDate(message, "Resent-Date") : firstDate(message, "Date");
        if (date.isEmpty()) {
            return 0;
        }
        List<String> received = message.fields("Received").stream().map(RawMessage.HeaderField::value).collect(Collectors.toCollection(ArrayList::new));
        if (!received.isEmpty() && LOCAL_RELAY.matcher(received.get(0)).find()) {
            received.remove(0);
        }
        if (!received.isEmpty() && FETCHMAIL.matcher(received.get(0)).find()) {
            received.remove(0);
        }
        List<Long> diffs = new ArrayList<>();
        for (String field : received) {
            Matcher when = RECEIVED_DATE.matcher(field);
            if (when.find()) {
                Rfc822Dates.epochSeconds(when.group(1)).ifPresent(time -> diffs.add(date.getAsLong() - time));
            }
        }
        if (diffs.size() > 1 && diffs.get(diffs.size() - 1) == 0) {
            diffs.remove(diffs.size() - 1);
        }
        return diffs.stream().min((a, b) -> Long.compare(Math.abs(a), Math.abs(b))).orElse(0L);
    }

    private static OptionalLong firstDate(RawMessage message, String field) {
        return message.fields(field).stream().map(f -> Rfc822Dates.epochSeconds(f.value())).filter(OptionalLong::isPresent).findFirst()
                .orElse(OptionalLong.empty());
    }

    /**
     * HeaderEval's check_outlook_message_id: Outlook Express writes a time token into its Message-IDs; one that matches
     * neither the Date field nor the newest Received time was made up by a bulk mailer.
     */
    private static boolean outlookMessageIdInvalid(ScanContext context) {
        String id = context.message().fields("Message-ID").stream().findFirst().map(RawMessage.HeaderField::value).orElse("");
        Matcher token = OUTLOOK_MESSAGE_ID.matcher(id);
        if (!token.find()) {
            return false;
        }
        long timeToken = Long.parseLong(token.group(1), 16);
        long date = firstDate(context.message(), "Date").orElse(0);
        if (Math.abs(timeToken - expectedToken(date)) < 250) {
            return false;
        }
        String received = context.message().fields("Received").stream().map(RawMessage.HeaderField::value).collect(Collectors.joining("\n"));
        Matcher when = RECEIVED_DATE.matcher(received);
        long receivedAt = when.find() ? Rfc822Dates.epochSeconds(when.group(1)).orElse(0) : 0;
        return Math.abs(timeToken - expectedToken(receivedAt)) >= 250;
    }

    private static long expectedToken(long epochSeconds) {
        return (long) (epochSeconds * 0.0023283064365387 + 27111902.8329849);
    }

    /** FreeMail's check_freemail_from: a sender address (From, the envelope sender) at a freemail domain, matching re if given. */
    private static Predicate<ScanContext> freemailFrom(FreemailDomains freemail, Pattern re) {
        return context -> {
            Set<String> senders = addresses(context, "From");
            senders.addAll(addresses(context, "EnvelopeFrom"));
            return matchesFreemail(freemail, senders, re);
        };
    }

    /** FreeMail's check_freemail_header: the field's address is at a freemail domain (and matches re if given). */
    private static Predicate<ScanContext> freemailHeader(FreemailDomains freemail, String header, Pattern re) {
        return context -> matchesFreemail(freemail, addresses(context, header), re);
    }

    private static boolean matchesFreemail(FreemailDomains freemail, Collection<String> addresses, Pattern re) {
        return addresses.stream().anyMatch(address -> freemail.contains(address) && (re == null || re.matcher(address).find()));
    }

    private static Set<String> addresses(ScanContext context, String field) {
        return HeaderValues.of(new HeaderSelector(field, HeaderSelector.Part.ADDRESS, false, ""), context).stream()
                .flatMap(value -> value.lines()).map(value -> value.strip().toLowerCase(Locale.ROOT)).filter(value -> value.contains("@"))
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }
}

package io.mailfleet.imap.search;

import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.mailstore.SystemFlag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed SEARCH command: ESEARCH return options (RFC 4731 / RFC 9051: MIN, MAX, ALL, COUNT), the
 * charset (UTF-8 and US-ASCII), and the criteria, implicitly ANDed.
 *
 * @param returnOptions empty: a classic {@code * SEARCH} response; otherwise {@code * ESEARCH}
 */
public record SearchQuery(Set<String> returnOptions, boolean extended, SearchKey key, boolean modseq) {

    private static final int MAX_DEPTH = 50;

    public static SearchQuery read(ImapArgumentReader args) {
        Set<String> returnOptions = new LinkedHashSet<>();
        boolean extended = false;
        args.sp();
        int mark = args.position();
        String first = leadingWord(args);
        if (first.equals("RETURN")) {
            extended = true;
            args.sp();
            args.expect('(');
            while (!args.consumeIf(')')) {
                if (!returnOptions.isEmpty()) {
                    args.sp();
                }
                String option = args.atom().toUpperCase(Locale.ROOT);
                if (!Set.of("MIN", "MAX", "ALL", "COUNT").contains(option)) {
                    throw new ImapSyntaxException("unknown SEARCH return option " + option);
                }
                returnOptions.add(option);
            }
            if (returnOptions.isEmpty()) {
                returnOptions.add("ALL");
            }
            args.sp();
            mark = args.position();
            first = leadingWord(args);
        }
        if (first.equals("CHARSET")) {
            args.sp();
            charset(args);
            args.sp();
        } else {
            args.rewind(mark);
        }
        Criteria criteria = criteria(args);
        return new SearchQuery(returnOptions, extended, criteria.key(), criteria.modseq());
    }

    /** Search criteria, implicitly ANDed, up to the end of the command; {@code modseq} when MODSEQ was among them. */
    public record Criteria(SearchKey key, boolean modseq) {
    }

    /** The search keys to the end of the command (SEARCH after its options, SORT and THREAD after their charset). */
    public static Criteria criteria(ImapArgumentReader args) {
        List<SearchKey> keys = new ArrayList<>();
        boolean[] modseq = new boolean[1];
        keys.add(key(args, 0, modseq));
        while (args.consumeIf(' ')) {
            keys.add(key(args, 0, modseq));
        }
        args.end();
        return new Criteria(keys.size() == 1 ? keys.get(0) : SearchKeys.and(keys), modseq[0]);
    }

    /** SORT's and THREAD's tail: {@code SP charset SP search-keys}. */
    public static Criteria charsetAndCriteria(ImapArgumentReader args) {
        args.sp();
        charset(args);
        args.sp();
        return criteria(args);
    }

    /** A charset argument: UTF-8 or US-ASCII, else {@link UnsupportedCharsetException}. */
    public static void charset(ImapArgumentReader args) {
        String charset = args.astring().toUpperCase(Locale.ROOT);
        if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
            throw new UnsupportedCharsetException();
        }
    }

    /** The next atom when it starts with a letter (RETURN, CHARSET or a criterion), else "" with nothing consumed. */
    private static String leadingWord(ImapArgumentReader args) {
        int c = args.peek();
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? args.atom().toUpperCase(Locale.ROOT) : "";
    }

    /** SEARCH CHARSET other than UTF-8 / US-ASCII: {@code NO [BADCHARSET (UTF-8 US-ASCII)]}. */
    public static final class UnsupportedCharsetException extends RuntimeException {
        UnsupportedCharsetException() {
            super("unsupported charset", null, false, false);
        }
    }

    private static SearchKey key(ImapArgumentReader args, int depth, boolean[] modseq) {
        if (depth > MAX_DEPTH) {
            throw new ImapSyntaxException("search criteria nested too deeply");
        }
        if (args.consumeIf('(')) {
            List<SearchKey> keys = new ArrayList<>();
            args.skipSpaces();
            keys.add(key(args, depth + 1, modseq));
            while (args.consumeIf(' ')) {
                args.skipSpaces();
                if (args.peek() == ')') {
                    break;
                }
                keys.add(key(args, depth + 1, modseq));
            }
            args.expect(')');
            return SearchKeys.and(keys);
        }
        int c = args.peek();
        if ((c >= '0' && c <= '9') || c == '*') {
            return SearchKeys.sequence(args.sequenceSet());
        }
        String name = args.atom().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL" -> SearchKeys.all();
            case "ANSWERED" -> SearchKeys.flag(SystemFlag.ANSWERED, true);
            case "DELETED" -> SearchKeys.flag(SystemFlag.DELETED, true);
            case "DRAFT" -> SearchKeys.flag(SystemFlag.DRAFT, true);
            case "FLAGGED" -> SearchKeys.flag(SystemFlag.FLAGGED, true);
            case "SEEN" -> SearchKeys.flag(SystemFlag.SEEN, true);
            case "UNANSWERED" -> SearchKeys.flag(SystemFlag.ANSWERED, false);
            case "UNDELETED" -> SearchKeys.flag(SystemFlag.DELETED, false);
            case "UNDRAFT" -> SearchKeys.flag(SystemFlag.DRAFT, false);
            case "UNFLAGGED" -> SearchKeys.flag(SystemFlag.FLAGGED, false);
            case "UNSEEN" -> SearchKeys.flag(SystemFlag.SEEN, false);
            case "RECENT" -> SearchKeys.recent(true);
            case "OLD" -> SearchKeys.recent(false);
            case "NEW" -> SearchKeys.and(List.of(SearchKeys.recent(true), SearchKeys.flag(SystemFlag.SEEN, false)));
            case "KEYWORD" -> SearchKeys.keyword(argument(args).atom(), true);
            case "UNKEYWORD" -> SearchKeys.keyword(argument(args).atom(), false);
            case "LARGER" -> SearchKeys.larger(argument(args).number());
            case "SMALLER" -> SearchKeys.smaller(argument(args).number());
            case "UID" -> SearchKeys.uid(argument(args).sequenceSet());
            case "MODSEQ" -> {
                args.sp();
                if (args.peek() == '"') {
                    // entry name and type (per-flag modseqs) are accepted; the message's modseq is used for all
                    args.string();
                    args.sp();
                    args.atom();
                    args.sp();
                }
                modseq[0] = true;
                yield SearchKeys.modseq(args.number());
            }
            case "BEFORE" -> {
                LocalDate date = argument(args).date();
                yield SearchKeys.internalDate(d -> d.isBefore(date));
            }
            case "ON" -> {
                LocalDate date = argument(args).date();
                yield SearchKeys.internalDate(d -> d.isEqual(date));
            }
            case "SINCE" -> {
                LocalDate date = argument(args).date();
                yield SearchKeys.internalDate(d -> !d.isBefore(date));
            }
            case "SENTBEFORE" -> {
                LocalDate date = argument(args).date();
                yield SearchKeys.sentDate(d -> d.isBefore(date));
            }
            case "SENTON" -> {
                LocalDate date = argument(args).date();
                yield SearchKeys.sentDate(d -> d.isEqual(date));
            }
            case "SENTSINCE" -> {
                LocalDate date = argument(args).date();
                yield SearchKeys.sentDate(d -> !d.isBefore(date));
            }
            case "FROM" -> SearchKeys.address("from", argument(args).astring());
            case "TO" -> SearchKeys.address("to", argument(args).astring());
            case "CC" -> SearchKeys.address("cc", argument(args).astring());
            case "BCC" -> SearchKeys.address("bcc", argument(args).astring());
            case "SUBJECT" -> SearchKeys.subject(argument(args).astring());
            case "BODY" -> SearchKeys.text(argument(args).astring(), false);
            case "TEXT" -> SearchKeys.text(argument(args).astring(), true);
            case "HEADER" -> {
                String field = argument(args).astring();
                args.sp();
                yield SearchKeys.header(field, args.astring());
            }
            case "NOT" -> {
                args.sp();
                yield SearchKeys.not(key(args, depth + 1, modseq));
            }
            case "OR" -> {
                args.sp();
                SearchKey left = key(args, depth + 1, modseq);
                args.sp();
                yield SearchKeys.or(left, key(args, depth + 1, modseq));
            }
            default -> throw new ImapSyntaxException("unknown search criterion " + name);
        };
    }

    private static ImapArgumentReader argument(ImapArgumentReader args) {
        args.sp();
        return args;
    }
}

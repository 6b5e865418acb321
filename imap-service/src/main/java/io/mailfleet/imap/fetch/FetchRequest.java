package io.mailfleet.imap.fetch;

import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The data items of one FETCH (RFC 9051 6.4.5, BINARY of RFC 3516), macros expanded, in the order asked.
 *
 * @param changedSince CONDSTORE's CHANGEDSINCE modifier: only messages with a higher modseq; -1 without it
 * @param vanished     QRESYNC's VANISHED modifier (UID FETCH with CHANGEDSINCE): expunged UIDs are reported first
 */
public record FetchRequest(List<String> simpleItems, List<BodySection> sections, List<BinarySection> binaries, long changedSince,
                           boolean vanished) {

    private static final Set<String> SIMPLE = Set.of("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE", "BODY",
            "UID", "RFC822", "RFC822.HEADER", "RFC822.TEXT", "MODSEQ");

    public static FetchRequest read(ImapArgumentReader args) {
        List<String> simple = new ArrayList<>();
        List<BodySection> sections = new ArrayList<>();
        List<BinarySection> binaries = new ArrayList<>();
        if (args.peek() == '(') {
            args.expect('(');
            if (!args.consumeIf(')')) {
                do {
                    item(args, simple, sections, binaries);
                } while (args.consumeIf(' '));
                args.expect(')');
            }
        } else {
            String first = peekMacro(args);
            switch (first) {
                case "ALL" -> simple.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"));
                case "FAST" -> simple.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE"));
                case "FULL" -> simple.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"));
                default -> item(args, simple, sections, binaries);
            }
        }
        long changedSince = -1;
        boolean vanished = false;
        int mark = args.position();
        if (args.consumeIf(' ') && args.consumeIf('(')) {
            do {
                String modifier = args.atom().toUpperCase(Locale.ROOT);
                if (modifier.equals("CHANGEDSINCE")) {
                    args.sp();
                    changedSince = args.number();
                } else if (modifier.equals("VANISHED")) {
                    vanished = true;
                } else {
                    throw new ImapSyntaxException("unknown FETCH modifier");
                }
            } while (args.consumeIf(' '));
            args.expect(')');
            if (vanished && changedSince < 0) {
                throw new ImapSyntaxException("VANISHED needs CHANGEDSINCE");
            }
            if (!simple.contains("MODSEQ")) {
                simple.add("MODSEQ");
            }
        } else {
            args.rewind(mark);
        }
        return new FetchRequest(simple, sections, binaries, changedSince, vanished);
    }

    /** ALL, FAST or FULL when the next atom is a macro (consumed); otherwise "" and nothing is consumed. */
    private static String peekMacro(ImapArgumentReader args) {
        int mark = args.position();
        String atom = args.atom().toUpperCase(Locale.ROOT);
        if (atom.equals("ALL") || atom.equals("FAST") || atom.equals("FULL")) {
            return atom;
        }
        args.rewind(mark);
        return "";
    }

    private static void item(ImapArgumentReader args, List<String> simple, List<BodySection> sections,
                             List<BinarySection> binaries) {
        String name = args.fetchAttribute().toUpperCase(Locale.ROOT);
        if ((name.equals("BODY") || name.equals("BODY.PEEK")) && args.peek() == '[') {
            sections.add(section(args, name.equals("BODY.PEEK")));
            return;
        }
        if (name.equals("BINARY") || name.equals("BINARY.PEEK") || name.equals("BINARY.SIZE")) {
            binaries.add(binary(args, name));
            return;
        }
        if (!SIMPLE.contains(name)) {
            throw new ImapSyntaxException("invalid FETCH item " + name);
        }
        simple.add(name);
    }

    private static BodySection section(ImapArgumentReader args, boolean peek) {
        args.expect('[');
        List<Integer> path = new ArrayList<>();
        String specifier = null;
        List<String> fields = List.of();
        while (args.peek() >= '1' && args.peek() <= '9') {
            long part = args.nzNumber();
            if (part > 10_000) {
                throw new ImapSyntaxException("invalid section part");
            }
            path.add((int) part);
            if (!args.consumeIf('.')) {
                break;
            }
        }
        if (args.peek() != ']') {
            String text = args.atom().toUpperCase(Locale.ROOT);
            switch (text) {
                case "HEADER", "TEXT" -> specifier = text;
                case "MIME" -> {
                    if (path.isEmpty()) {
                        throw new ImapSyntaxException("MIME needs a part number");
                    }
                    specifier = text;
                }
                case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                    specifier = text;
                    args.sp();
                    args.expect('(');
                    List<String> names = new ArrayList<>();
                    do {
                        names.add(args.astring());
                    } while (args.consumeIf(' '));
                    args.expect(')');
                    fields = List.copyOf(names);
                }
                default -> throw new ImapSyntaxException("invalid section " + text);
            }
        }
        args.expect(']');
        long start = -1;
        long length = -1;
        if (args.consumeIf('<')) {
            start = args.number();
            args.expect('.');
            length = args.nzNumber();
            args.expect('>');
        }
        return new BodySection(List.copyOf(path), specifier, fields, peek, start, length);
    }

    /** {@code BINARY[section-part]<partial>}: part numbers only (RFC 3516 section-binary); no partial for BINARY.SIZE. */
    private static BinarySection binary(ImapArgumentReader args, String name) {
        args.expect('[');
        List<Integer> path = new ArrayList<>();
        if (args.peek() != ']') {
            do {
                long part = args.nzNumber();
                if (part > 10_000) {
                    throw new ImapSyntaxException("invalid section part");
                }
                path.add((int) part);
            } while (args.consumeIf('.'));
        }
        args.expect(']');
        boolean size = name.equals("BINARY.SIZE");
        long start = -1;
        long length = -1;
        if (!size && args.consumeIf('<')) {
            start = args.number();
            args.expect('.');
            length = args.nzNumber();
            args.expect('>');
        }
        return new BinarySection(List.copyOf(path), size, size || name.equals("BINARY.PEEK"), start, length);
    }

    /** Whether the message bytes must be read (any section, RFC822, RFC822.HEADER, RFC822.TEXT). */
    public boolean needsContent() {
        return !sections.isEmpty() || !binaries.isEmpty() || simpleItems.contains("RFC822") || simpleItems.contains("RFC822.HEADER")
                || simpleItems.contains("RFC822.TEXT");
    }

    /** Whether the cached metadata is needed (anything beyond FLAGS, UID and MODSEQ). */
    public boolean needsEntry() {
        return needsContent() || simpleItems.stream().anyMatch(item -> !item.equals("FLAGS") && !item.equals("UID") && !item.equals("MODSEQ"));
    }

    /** Whether fetching sets {@code \Seen} (BODY[…] or BINARY[…] without PEEK, RFC822, RFC822.TEXT). */
    public boolean setsSeen() {
        return sections.stream().anyMatch(section -> !section.peek()) || binaries.stream().anyMatch(binary -> !binary.peek()) || simpleItems.contains("RFC822")
                || simpleItems.contains("RFC822.TEXT");
    }
}
